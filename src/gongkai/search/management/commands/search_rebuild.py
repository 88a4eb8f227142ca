"""``gongkai search_rebuild``: rebuild the public search index from the records, with a progress bar.

Needed after restoring a backup, after upgrading to a release whose tokenizer changed, or to check
that the index holds exactly what is public. Runs in one transaction: the old index keeps answering
until the new one commits.
"""

import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from gongkai.search.backends import backend_for
from gongkai.search.services import search_rebuild, searchable_count


class Command(BaseCommand):
    help = "重建公众检索索引（已发布的政府信息及附件、年度报告、公开的咨询答复）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, **options):
        total = searchable_count()
        started = time.perf_counter()
        with tqdm(total=total, unit="条", desc="重建检索索引", disable=options["no_progress"], file=sys.stderr) as bar:
            written = search_rebuild(progress=bar.update)
        seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            size = backend_for(connection.vendor).size_bytes(cursor)
        self.stdout.write(
            f"已索引 {written} 条（共检查 {total} 条），用时 {seconds:.1f} 秒，"
            f"索引约 {size / 1024 / 1024:.1f} MB（{backend_for(connection.vendor).name}）。"
        )

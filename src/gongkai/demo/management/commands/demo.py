import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.demo.loader import load_demo
from gongkai.scheduled.jobs import run_daily
from gongkai.search.models import SearchDocument
from gongkai.search.services import search_rebuild, searchable_count


class Command(BaseCommand):
    help = "创建（或刷新）示范市演示数据，并启动演示站点。"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只加载演示数据，不启动站点")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        logins = load_demo()
        run_daily(today=timezone.localdate())  # what the nightly job would have recorded by now
        if SearchDocument.objects.count() != searchable_count():  # a data folder from before search
            search_rebuild()
        url = f"http://{options['host']}:{options['port']}/"
        out = self.stdout
        out.write(self.style.SUCCESS("示范市演示数据已就绪 / demo data loaded"))
        out.write(f"  公众门户 portal:  {url}")
        out.write(f"  全文检索 search:  {url}search/?q=招生")
        out.write(f"  工作人员 office:  {url}office/")
        out.write(f"  管理后台 admin:   {url}admin/")
        out.write("  演示账号 demo logins (username / password):")
        for login in logins:
            out.write(f"    {login.username:<12} {login.password:<14} {login.description}")
        if options["no_serve"]:
            return
        from waitress import serve  # noqa: PLC0415 - only needed when serving

        from gongkai.config.wsgi import application  # noqa: PLC0415

        mail_dir = getattr(settings, "EMAIL_FILE_PATH", None)
        out.write(f"  邮件 mail:        {f'保存为文件 written to {mail_dir}' if mail_dir else 'SMTP'}")
        out.write(f"正在运行 serving on {url} (Ctrl+C 停止 / to stop)")
        out.flush()
        # The background worker sends queued mail (notices, reminders) while the demo runs.
        worker = subprocess.Popen([sys.executable, "-m", "gongkai", "db_worker", "--interval", "2"])
        try:
            serve(application, host=options["host"], port=options["port"], threads=8)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

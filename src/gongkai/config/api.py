"""The public HTTP API, version 1, mounted at ``/api/v1/`` (OpenAPI docs at ``/api/v1/docs``).

Read-only and without authentication: it serves only what the public portal shows.
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from gongkai.search.api import router as search_router


class UnicodeJSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 rather than ``\\uXXXX`` escapes (half the bytes, readable)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="公开 · 政府信息公开平台 API",
    version="1",
    description="政府信息公开平台的公开接口：只读，无需登录，只返回已主动公开的内容。",
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
)
api.add_router("/search", search_router)

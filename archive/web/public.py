"""What a page may run and what a stranger may learn: the Content-Security-Policy every response
carries, the pages ``serve --public`` withholds, and its error page without internals."""

from __future__ import annotations

import base64
import hashlib
import re
import traceback

from datasette import Response
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError

#: In public mode, every ``/-/`` page but the static files and the plugin's own answers 404:
#: Datasette's introspection pages show the archive's folder (metadata, databases), the
#: settings, plugins, threads, Python's, SQLite's and the libraries' versions (versions), and
#: its debugging pages (actor, permissions, messages, allow-debug, patterns, auth-token).
HIDDEN = r"^/-/(?!(static|static-plugins)/|article(/|$)|capture/|version/)"

#: Datasette's templates whose inline scripts every page may run (menus; the SQL editor).
SCRIPT_TEMPLATES = ("_close_open_menus.html", "_codemirror_foot.html")


def content_security_policy(datasette, body_scripts: list[str]) -> str:
    """No script but Datasette's own files and the inline scripts of its templates and of this
    plugin (``body_scripts``), each allowed by its hash; nothing loaded from another origin.

    Styles allow 'unsafe-inline': Datasette's templates put ``style`` attributes and ``<style>``
    blocks made of the page's data in every page (a database's colour, the table's column names
    for narrow screens), which no hash can list in advance. Everything archived is escaped, and
    a style cannot run code nor, with ``img-src``/``default-src`` 'self', send anything away."""
    env = datasette.jinja_env
    scripts = [body for name in SCRIPT_TEMPLATES
               for body in re.findall(r"<script>(.*?)</script>",
                                      env.loader.get_source(env, name)[0], re.S)]
    # table.html: <script>DATASETTE_ALLOW_FACET = {{ datasette_allow_facet }};</script>
    scripts += [f"DATASETTE_ALLOW_FACET = {allow};" for allow in ("true", "false")]
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in [*scripts, *body_scripts])
    return (f"default-src 'self'; script-src 'self' {hashes}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'self'")


def _sha256(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def with_headers(app, policy: str):
    """``app`` with the policy, and ``nosniff``, on every response that sets none of its own (the
    raw and source views keep their stricter ones)."""
    extra = [(b"content-security-policy", policy.encode("ascii")),
             (b"x-content-type-options", b"nosniff")]

    async def wrapped(scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {key.lower() for key, _ in headers}
                headers += [(key, value) for key, value in extra if key not in have]
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


async def hidden_page(datasette, request):
    return Response.text("Not found", status=404)


async def error_page(datasette, request, exception) -> Response | None:
    """A 500 says that something failed, not what: an exception's message can quote a path, a
    file's first line or SQLite's words. The traceback goes to the server's log. Errors of the
    request (400s) keep Datasette's page, which says what to correct."""
    if isinstance(exception, Base400) or (
            isinstance(exception, DatasetteError) and exception.status < 500):
        return None
    traceback.print_exception(exception)
    info = {"ok": False, "error": "The server could not answer this request.", "status": 500,
            "title": "Server error"}
    if request.path.endswith(".json"):
        return Response.json(info, status=500)
    return Response.html(await datasette.render_template("error.html", info, request=request),
                         status=500)

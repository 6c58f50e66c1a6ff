"""Alertmanager webhook receiver: one agent session per firing alert group."""
import argparse

from aiohttp import web

from quiver.runtime import start_session


async def receive(request: web.Request) -> web.Response:
    payload = await request.json()
    if payload.get("status") == "firing":
        await start_session(agent="oncall", input=payload)
    return web.json_response({"ok": True})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", default="127.0.0.1:9095")
    host, port = parser.parse_args().listen.rsplit(":", 1)
    app = web.Application()
    app.router.add_post("/alertmanager", receive)
    web.run_app(app, host=host, port=int(port))


if __name__ == "__main__":
    main()

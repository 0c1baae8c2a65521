import os
import sys

import structlog
import uvicorn
from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from prometheus_client import make_asgi_app
from secure import Secure
from slowapi import Limiter
from slowapi.util import get_remote_address
from sqlalchemy import create_engine

log = structlog.get_logger()
engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
limiter = Limiter(key_func=get_remote_address)
secure_headers = Secure()
app = FastAPI()
app.add_middleware(CorrelationIdMiddleware)
app.mount("/metrics", make_asgi_app())


def report_crash(kind, value, traceback):
    log.critical("crash", error=str(value))


sys.excepthook = report_crash


@app.get("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "8000")))

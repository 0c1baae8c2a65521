import os
import signal

import structlog
from sqlalchemy import create_engine

log = structlog.get_logger()
engine = create_engine(os.environ["DATABASE_URL"])
running = True


def stop(signum, frame):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
while running:
    log.info("tick")
    break

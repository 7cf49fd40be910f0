"""Logging: JSON lines to stdout for the container runtime, and a copy to Logz.io."""

from __future__ import annotations

import logging
import logging.config

import ropa
from logzio.handler import LogzioHandler

from .middleware import client_ip_var


class ClientIPFilter(logging.Filter):
    """Stamp every record with the visitor's IP address, if a request is being served."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.client_ip = client_ip_var.get()
        return True


# ropa: processor("logzio", data=["user.device.ip_address"], purpose="Log storage and search", activity="Operational logging")
def build_logzio_handler(token: str, listener: str) -> LogzioHandler:
    handler = LogzioHandler(token=token, logzio_type="django", url=listener, logs_drain_timeout=5)
    handler.addFilter(ClientIPFilter())
    return handler


@ropa.processing(
    "Operational logging",
    purpose="Keep the shop running: find errors, investigate incidents and detect attacks",
    legal_basis="legitimate_interests",
    legitimate_interest="Operating a reliable and secure shop; logs are the only way to trace "
    "an error or an attack back to the requests that caused it",
    data=["user.device.ip_address"],
    subjects=["customer", "visitor"],
    uses=["essential.service.security"],
    processors=["logzio"],
    retention="P30D",
)
def configure_logging(token: str, listener: str, level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "json": {
                    "format": '{"time": "%(asctime)s", "level": "%(levelname)s", '
                    '"logger": "%(name)s", "ip": "%(client_ip)s", "message": "%(message)s"}',
                },
            },
            "filters": {"client_ip": {"()": ClientIPFilter}},
            "handlers": {
                "stdout": {
                    "class": "logging.StreamHandler",
                    "formatter": "json",
                    "filters": ["client_ip"],
                },
            },
            "root": {"handlers": ["stdout"], "level": level},
        }
    )
    if token:
        logging.getLogger().addHandler(build_logzio_handler(token, listener))

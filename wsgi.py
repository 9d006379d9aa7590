"""The one module-level application, for gunicorn and the flask CLI."""

from config import config_from_env
from forum import create_app

app = create_app(config_from_env())

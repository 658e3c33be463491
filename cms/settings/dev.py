from .base import *  # noqa: F403
from .base import env

DEBUG = env("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="solo-para-desarrollo-local-no-usar-en-produccion")

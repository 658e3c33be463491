from reinsercion.results import signals


def register() -> None:
    signals.connect()

from reinsercion.extensions import register_work_queue
from reinsercion.notifications.queries import network_answers_queue


def register() -> None:
    register_work_queue("network_answers", network_answers_queue)

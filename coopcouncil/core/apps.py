from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coopcouncil.core"
    label = "core"
    verbose_name = "Platform core"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from coopcouncil.core.logs import request_id_forget

        request_finished.connect(request_id_forget, dispatch_uid="coopcouncil.request_id")

        from coopcouncil.core.interfaces import retention_register
        from coopcouncil.core.retention import CORE_RETENTION_RULES

        retention_register(*CORE_RETENTION_RULES)

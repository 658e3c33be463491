app_name = "contratos"

urlpatterns = []

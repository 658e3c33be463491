app_name = "familias"

urlpatterns = []

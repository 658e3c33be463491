app_name = "red"

urlpatterns = []

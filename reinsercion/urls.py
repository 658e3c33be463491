from django.urls import path

from .views import assessments, cases, cohorts, home, people, plans

app_name = "team"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("casos/", cases.CaseListView.as_view(), name="case_list"),
    path("casos/<int:case_pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("casos/<int:case_pk>/editar/", cases.CaseUpdateView.as_view(), name="case_update"),
    path("casos/<int:case_pk>/fase/", cases.PhaseMoveView.as_view(), name="case_move"),
    path("casos/<int:case_pk>/historial/", cases.CaseHistoryView.as_view(), name="case_history"),
    path("personas/nueva/", people.PersonCreateView.as_view(), name="person_create"),
    path("personas/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("personas/<int:pk>/editar/", people.PersonUpdateView.as_view(), name="person_update"),
    path(
        "personas/<int:person_pk>/abrir-caso/", cases.CaseCreateView.as_view(), name="case_create"
    ),
    path("generaciones/", cohorts.CohortListView.as_view(), name="cohort_list"),
    path("generaciones/<int:pk>/", cohorts.CohortDetailView.as_view(), name="cohort_detail"),
    path(
        "programas/<slug:program_code>/nueva-generacion/",
        cohorts.CohortCreateView.as_view(),
        name="cohort_create",
    ),
    # Assessments (evaluación de riesgo y necesidades)
    path(
        "casos/<int:case_pk>/evaluaciones/",
        assessments.AssessmentListView.as_view(),
        name="assessment_list",
    ),
    path(
        "casos/<int:case_pk>/evaluaciones/nueva/<int:version_pk>/",
        assessments.AssessmentWizardView.as_view(),
        name="assessment_create",
    ),
    path(
        "casos/<int:case_pk>/evaluaciones/<int:pk>/",
        assessments.AssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
    path(
        "evaluaciones/modificaciones-de-nivel/",
        assessments.OverrideShareView.as_view(),
        name="assessment_overrides",
    ),
    # Intervention plan (PII)
    path("casos/<int:case_pk>/plan/", plans.PlanListView.as_view(), name="plan_list"),
    path("casos/<int:case_pk>/plan/nuevo/", plans.PlanCreateView.as_view(), name="plan_create"),
    path(
        "casos/<int:case_pk>/plan/comparar/", plans.PlanCompareView.as_view(), name="plan_compare"
    ),
    path(
        "casos/<int:case_pk>/plan/prorroga/",
        plans.ExtensionCreateView.as_view(),
        name="plan_extension",
    ),
    path("casos/<int:case_pk>/plan/<int:pk>/", plans.PlanDetailView.as_view(), name="plan_detail"),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/editar/",
        plans.PlanUpdateView.as_view(),
        name="plan_update",
    ),
    path("casos/<int:case_pk>/plan/<int:pk>/pdf/", plans.PlanPdfView.as_view(), name="plan_pdf"),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/estado/<str:to_status>/",
        plans.PlanTransitionView.as_view(),
        name="plan_transition",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/nueva-version/",
        plans.PlanNewVersionView.as_view(),
        name="plan_new_version",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/retroalimentacion/",
        plans.FeedbackCreateView.as_view(),
        name="plan_feedback",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/nuevo/",
        plans.ObjectiveCreateView.as_view(),
        name="plan_objective_create",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/editar/",
        plans.ObjectiveUpdateView.as_view(),
        name="plan_objective_update",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/estado/",
        plans.ObjectiveStatusView.as_view(),
        name="plan_objective_status",
    ),
    path(
        "casos/<int:case_pk>/plan/<int:pk>/objetivos/<int:objective_pk>/eliminar/",
        plans.ObjectiveDeleteView.as_view(),
        name="plan_objective_delete",
    ),
]

# Sessions, workshops, follow-up, agenda (issue 4).
from .views import activities, agenda  # noqa: E402

urlpatterns += [
    path(
        "casos/<int:case_pk>/linea-de-tiempo/",
        activities.CaseTimelineView.as_view(),
        name="case_timeline",
    ),
    path(
        "casos/<int:case_pk>/sesiones/nueva/",
        activities.ActivityCreateView.as_view(),
        name="activity_create",
    ),
    path(
        "casos/<int:case_pk>/sesiones/<int:pk>/",
        activities.ActivityUpdateView.as_view(),
        name="activity_update",
    ),
    path("casos/<int:case_pk>/seguimiento/", activities.FollowUpView.as_view(), name="follow_up"),
    path(
        "casos/<int:case_pk>/seguimiento/<int:pk>/registrar/",
        activities.FollowUpRecordView.as_view(),
        name="follow_up_record",
    ),
    path(
        "casos/<int:case_pk>/informes-tribunal/nuevo/",
        activities.CourtReportCreateView.as_view(),
        name="court_report_create",
    ),
    path(
        "casos/<int:case_pk>/incumplimiento/nuevo/",
        activities.NonComplianceCreateView.as_view(),
        name="noncompliance_create",
    ),
    path(
        "casos/<int:case_pk>/incumplimiento/<int:pk>/",
        activities.NonComplianceDetailView.as_view(),
        name="noncompliance_detail",
    ),
    path(
        "generaciones/<int:pk>/talleres/",
        activities.CohortWorkshopsView.as_view(),
        name="cohort_workshops",
    ),
    path("talleres/<int:pk>/", activities.WorkshopDetailView.as_view(), name="workshop_detail"),
    path(
        "talleres/sesiones/<int:pk>/asistencia/",
        activities.WorkshopAttendanceView.as_view(),
        name="workshop_attendance",
    ),
    path(
        "indicadores/actividad/",
        activities.ActivityIndicatorsView.as_view(),
        name="activity_indicators",
    ),
    path("agenda/", agenda.MyAgendaView.as_view(), name="agenda"),
    path("agenda/equipo/", agenda.TeamAgendaView.as_view(), name="team_agenda"),
    path("agenda/calendario/", agenda.CalendarSettingsView.as_view(), name="calendar_settings"),
    path(
        "agenda/calendario/<str:token>.ics",
        agenda.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
]

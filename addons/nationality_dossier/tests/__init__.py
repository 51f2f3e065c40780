from . import (
    test_access_log,
    test_concurrency,
    test_demo_dossiers,
    test_dossier_access,
    test_dossier_deadlines,
    test_dossier_rules,
    test_dossier_workflow,
    test_procedure_data,
    test_reports,
    test_retention,
    test_shared_tools,
    test_working_calendar,
)

from . import test_dossier_workflow, test_procedure_data, test_working_calendar

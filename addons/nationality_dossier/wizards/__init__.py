from . import (
    nationality_dossier_decision_wizard,
    nationality_dossier_reason_wizard,
    nationality_dossier_supplement_wizard,
    nationality_register_report_wizard,
)

from . import (
    nationality_dossier_slip_report,
    nationality_dossier_receipt_report,
    nationality_dossier_refusal_report,
    nationality_dossier_supplement_report,
    nationality_register_report,
)

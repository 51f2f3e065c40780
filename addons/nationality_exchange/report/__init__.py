from . import nationality_letter_report

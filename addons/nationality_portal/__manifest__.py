# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Nationality Dossiers (Online Public Service)",
    "summary": "Citizens prepare, file and follow nationality applications on the website",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/vn-nationality/nationality-dossiers",
    "author": "Vietnam Nationality Dossiers contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["nationality_dossier", "website", "portal"],
    "data": [],
    "installable": True,
}

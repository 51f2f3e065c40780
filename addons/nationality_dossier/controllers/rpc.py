# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.base.controllers.rpc import RPC
from odoo.http import request, route

from ..models.nationality_access_log import rpc_client_address


class NationalityRPC(RPC):
    """Odoo hides the HTTP request from the models while an XML-RPC or
    JSON-RPC call runs; the personal data access log still records the
    address the call came from."""

    @route()
    def xmlrpc_1(self, service):
        with rpc_client_address(request.httprequest.remote_addr):
            return super().xmlrpc_1(service)

    @route()
    def xmlrpc_2(self, service):
        with rpc_client_address(request.httprequest.remote_addr):
            return super().xmlrpc_2(service)

    @route()
    def jsonrpc(self, service, method, args):
        with rpc_client_address(request.httprequest.remote_addr):
            return super().jsonrpc(service, method, args)

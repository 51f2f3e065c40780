# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name

from .lookups_common import LookupCase

API = "/api/nationality/v1"


class ApiCase(HttpCase, LookupCase):
    """The integrator API over real XML-RPC and over the bearer JSON routes,
    authenticated with API keys of the users of ``LookupCase``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keys = {
            user: cls._api_key(user)
            for user in (cls.berlin_user, cls.tokyo_user, cls.plain_user, cls.cuc_officer)
        }

    @classmethod
    def _api_key(cls, user):
        # Keys of users who are not administrators must expire (within a day by default).
        expiration = datetime.now() + timedelta(hours=12)
        return cls.env["res.users.apikeys"].with_user(user)._generate(None, "test", expiration)

    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self._uids = {}

    def rpc(self, user, model, method, *args, **kwargs):
        """``execute_kw`` over XML-RPC as ``user``, with its API key."""
        key = self.keys[user]
        if user not in self._uids:
            common = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/common")
            self._uids[user] = common.authenticate(self.db, user.login, key, {})
            self.assertEqual(self._uids[user], user.id)
        proxy = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(self.db, self._uids[user], key, model, method, list(args), kwargs)

    def call(self, method, path, user=None, body=None, token=None, raw=None, headers=None):
        """A bearer JSON call; ``raw`` (text or bytes) is sent as the body as it is."""
        headers = {"Content-Type": "application/json", **(headers or {})}
        if user or token:
            headers["Authorization"] = f"Bearer {token or self.keys[user]}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if method == "GET":
            return self.url_open(path, headers=headers)
        # Not url_open: it sends an empty body as a GET.
        return self.opener.post(self.base_url() + path, data=data, headers=headers, timeout=30)

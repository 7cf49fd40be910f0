# Extracted from lnbits 1.6.2, lnbits/core/models/wallets.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class WalletInfo(BaseModel):
    id: str
    name: str
    adminkey: str
    inkey: str
    balance_msat: int


class WalletSharePermission(BaseModel):
    request_id: str | None = None
    username: str
    shared_with_wallet_id: str | None = None
    permissions: list[WalletPermission] = []
    status: WalletShareStatus
    comment: str | None = None


class WalletExtra(BaseModel):
    icon: str = 'flash_on'
    color: str = 'primary'
    pinned: bool = False
    shared_with: list[WalletSharePermission] = []


class BaseWallet(BaseModel):
    id: str
    user: str
    wallet_type: str = WalletType.LIGHTNING.value
    adminkey: str
    inkey: str


class Wallet(BaseWallet):
    name: str
    shared_wallet_id: str | None = None
    deleted: bool = False
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    updated_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    currency: str | None = None
    lightning_address: str | None = None
    balance_msat: int = Field(default=0, no_database=True)
    extra: WalletExtra = WalletExtra()
    stored_paylinks: StoredPayLinks = StoredPayLinks()
    share_permissions: list[WalletPermission] = Field(default=[], no_database=True)


class CreateWallet(BaseModel):
    name: str | None = None
    wallet_type: WalletType = WalletType.LIGHTNING
    shared_wallet_id: str | None = None


@dataclass
class WalletTypeInfo:
    key_type: KeyType
    wallet: Wallet


@dataclass
class BaseWalletTypeInfo:
    key_type: KeyType
    wallet: BaseWallet

# Extracted from lnbits 1.6.2, lnbits/core/models/payments.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class PaymentExtra(BaseModel):
    comment: str | None = None
    success_action: str | None = None
    lnurl_response: str | None = None


class UpdatePaymentExtra(BaseModel):
    payment_hash: str
    extra: dict = Field(default_factory=dict)


class PayInvoice(BaseModel):
    payment_request: str
    description: str | None = None
    max_sat: int | None = None
    extra: dict | None = {}


class CreatePayment(BaseModel):
    wallet_id: str
    payment_hash: str
    bolt11: str
    amount_msat: int
    memo: str
    extra: dict | None = {}
    extension: str | None = None
    preimage: str | None = None
    expiry: datetime | None = None
    webhook: str | None = None
    fee: int = 0
    labels: list[str] | None = None
    external_id: str | None = None


class Payment(BaseModel):
    checking_id: str
    payment_hash: str
    wallet_id: str
    amount: int
    fee: int
    bolt11: str
    payment_request: str | None = Field(default=None, no_database=True)
    fiat_provider: str | None = None
    status: str = PaymentState.PENDING
    memo: str | None = None
    expiry: datetime | None = None
    webhook: str | None = None
    webhook_status: str | None = None
    preimage: str | None = None
    tag: str | None = None
    extension: str | None = None
    time: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    updated_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    labels: list[str] = []
    extra: dict = {}
    external_id: str | None = None


class PaymentDataPoint(BaseModel):
    date: datetime
    count: int
    max_amount: int
    min_amount: int
    average_amount: int
    total_amount: int
    max_fee: int
    min_fee: int
    average_fee: int
    total_fee: int


class PaymentWalletStats(BaseModel):
    wallet_id: str = ''
    wallet_name: str = ''
    user_id: str = ''
    payments_count: int
    balance: float = 0


class CreateInvoice(BaseModel):
    unit: str = 'sat'
    internal: bool = False
    out: bool = True
    amount: float = Query(None, ge=0)
    memo: str | None = Query(None, max_length=640)
    description_hash: str | None = None
    unhashed_description: str | None = None
    payment_hash: str | None = Query(None, description='The payment hash of the hold invoice.', min_length=64, max_length=64)
    expiry: int | None = None
    extra: dict | None = None
    extension: str | None = None
    webhook: str | None = None
    bolt11: str | None = None
    lnurl_withdraw: LnurlWithdrawResponse | None = None
    fiat_provider: str | None = None
    labels: list[str] = []
    external_id: str | None = Query(default=None, max_length=256)


class PaymentsStatusCount(BaseModel):
    incoming: int = 0
    outgoing: int = 0
    failed: int = 0
    pending: int = 0


class SettleInvoice(BaseModel):
    preimage: str = Field(..., description='The preimage of the payment hash to settle the invoice.', min_length=64, max_length=64)


class CancelInvoice(BaseModel):
    payment_hash: str = Field(..., description='The payment hash of the invoice to cancel.', min_length=64, max_length=64)


class UpdatePaymentLabels(BaseModel):
    labels: list[str] = []

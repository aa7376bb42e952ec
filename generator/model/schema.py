"""The catalog schema: the single source of truth for every YAML kind.

Validation (pydantic), the JSON Schema files editors use, the field reference in the docs and
the reference checks (``Ref`` markers) are all derived from these classes. Add or change a
field here and everything else follows.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints,
                      model_validator)
from pydantic_core import PydanticCustomError

# `$` keeps the pattern valid for JSON Schema (ECMAScript); Python code must use `is_id`, whose
# fullmatch does not let a trailing newline through as `re.match` would.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX_LENGTH = 63
WINDOWS_RESERVED_IDS = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{device}{n}" for device in ("com", "lpt") for n in range(10)])
"""Device names Windows refuses as file names (catalogs are checked out on Windows too)."""


def is_id(text: str) -> bool:
    """Whether ``text`` is a usable id: the pattern, the length and no Windows device name."""
    return (len(text) <= ID_MAX_LENGTH and re.fullmatch(ID_PATTERN, text) is not None
            and text not in WINDOWS_RESERVED_IDS)


def reserved_id_message(text: str) -> str:
    return f"'{text}' is a device name Windows reserves (it cannot be a file name there); pick another id"


def _not_reserved(text: str) -> str:
    if text in WINDOWS_RESERVED_IDS:
        raise PydanticCustomError("reserved_id", reserved_id_message(text))
    return text


class Ref:
    """Marks a field whose value is the id of another entity of one of ``kinds`` (an owner may
    be a role or a person: ``Ref("role", "person")``)."""

    def __init__(self, *kinds: str):
        self.kinds = kinds

    @property
    def kind(self) -> str:
        """The kinds as a reader says them: ``role``, ``role or person``."""
        return " or ".join(self.kinds)

    def __repr__(self) -> str:
        return f"Ref({', '.join(map(repr, self.kinds))})"


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    AfterValidator(_not_reserved),
    Field(description="An id: lowercase letters, digits and hyphens, at most 63 characters; "
          "not a Windows device name (con, nul, com1...).",
          json_schema_extra={"not": {"enum": sorted(WINDOWS_RESERVED_IDS)}}),
]


def ref(*kinds: str):
    """The type of a field that names another entity by id (of any of ``kinds``)."""
    return Annotated[
        str,
        StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
        Ref(*kinds),
        Field(json_schema_extra={"x-mops-ref": kinds[0] if len(kinds) == 1 else list(kinds)}),
    ]


RoleRef = ref("role")
ToolRef = ref("tool")
CategoryRef = ref("category")
LayerRef = ref("layer")
KpiRef = ref("kpi")
TaskRef = ref("task")
PersonRef = ref("person")
OwnerRef = ref("role", "person")
"""A role (the position) or a person (someone by name) who owns something."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
# Free text may be one string or a mapping from language code to text ({en: ..., ko: ...});
# pages fall back to the site's default language.
Text = Union[NonEmpty, dict[LanguageCode, NonEmpty]]
Email = Annotated[
    str,
    StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254),
    Field(description="An e-mail address such as `ana@example.com`."),
]
Duration = Annotated[
    str,
    StringConstraints(pattern=r"^\d+(\.\d+)? (minute|hour|day|week)s?$"),
    Field(description="A number and a unit: `30 minutes`, `2 hours`, `3 days`, `1 week`."),
]
CustomValue = Union[bool, int, float, dt.date, str]
"""A custom field's value: text, a number, true / false or a date."""
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$"),
    Field(description="An absolute http:// or https:// address."),
]


class Strict(BaseModel):
    """Base for every schema object: unknown fields are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, use_attribute_docstrings=True)


# --------------------------------------------------------------------------- tools


class Lifecycle(str, Enum):
    EVALUATING = "evaluating"
    PILOTING = "piloting"
    ADOPTED = "adopted"
    SUNSETTING = "sunsetting"
    RETIRED = "retired"


class Direction(str, Enum):
    IN = "in"
    OUT = "out"
    BOTH = "both"


class JourneyStage(str, Enum):
    AWARENESS = "awareness"
    CONSIDERATION = "consideration"
    CONVERSION = "conversion"
    RETENTION = "retention"
    ADVOCACY = "advocacy"


class SyncMethod(str, Enum):
    NATIVE = "native"
    IPAAS = "ipaas"
    API = "api"
    FILE = "file"
    EMBED = "embed"
    MANUAL = "manual"


class SyncFrequency(str, Enum):
    REAL_TIME = "real-time"
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    ON_DEMAND = "on-demand"
    ONE_OFF = "one-off"


class Integration(Strict):
    """One data flow between this tool and another. Several entries may name the same tool
    when the flows differ (other data, direction or method)."""

    tool: ToolRef
    """The other tool's id."""
    direction: Direction = Direction.BOTH
    """`out`: data flows from this tool to the other; `in`: into this tool; `both`: each way."""
    data: list[NonEmpty] = []
    """The data objects that flow, e.g. `leads`, `contacts`, `campaign members`."""
    via: ToolRef | None = None
    """A tool that carries the sync (an iPaaS such as Zapier), if not a native connector."""
    method: SyncMethod | None = None
    """How the data moves: `native` connector, `ipaas` (through `via`), `api` (custom code),
    `file` (exports and imports), `embed` (forms or a tracking script) or `manual`."""
    frequency: SyncFrequency | None = None
    """How often: `real-time`, `hourly`, `daily`, `weekly`, `monthly`, `on-demand` or
    `one-off` (a migration: not a live flow)."""

    @property
    def live(self) -> bool:
        """False for a one-off migration, which moves data once and is not a running flow."""
        return self.frequency is not SyncFrequency.ONE_OFF


class Period(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ONE_OFF = "one-off"


class CostType(str, Enum):
    LICENCE = "licence"
    USAGE = "usage"
    IMPLEMENTATION = "implementation"
    SERVICES = "services"
    MEDIA = "media"
    OTHER = "other"


class PricingBasis(str, Enum):
    PER_SEAT = "per-seat"
    PER_CONTACT = "per-contact"
    PER_RECORD = "per-record"
    PER_TASK = "per-task"
    PER_USAGE = "per-usage"
    FLAT = "flat"


class Cost(Strict):
    """One cost line of a tool."""

    amount: Annotated[float, Field(ge=0)]
    """What is paid per period, in `currency`; never negative."""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "USD"
    """ISO 4217 code such as `USD` or `EUR`."""
    period: Period = Period.YEAR
    """`month`, `quarter`, `year` or `one-off`."""
    type: CostType = CostType.LICENCE
    """`licence`, `usage`, `implementation`, `services`, `media` or `other`. `media` is ad or
    media spend bought through the tool: kept apart from the stack's cost in every total."""
    basis: PricingBasis | None = None
    """How the price is set: `per-seat`, `per-contact`, `per-record`, `per-task`,
    `per-usage` or `flat`."""
    label: NonEmpty | None = None
    """What the line is for, e.g. `Database 50k contacts`."""
    example: bool = False
    """True when the figure is illustrative, not a real price; the site labels it."""


class Licences(Strict):
    bought: Annotated[int, Field(ge=0)]
    """Seats or licences paid for."""
    active: Annotated[int, Field(ge=0)]
    """Seats in use at the last count."""
    example: bool = False
    """True when the counts are illustrative data; the site labels them."""


class ContractTerm(str, Enum):
    FIXED = "fixed"
    MONTH_TO_MONTH = "month-to-month"


class Contract(Strict):
    start: dt.date | None = None
    """The date the current term started (YYYY-MM-DD)."""
    renewal: dt.date | None = None
    """The date the contract renews or ends (YYYY-MM-DD)."""
    term: ContractTerm = ContractTerm.FIXED
    """`fixed` (runs to `renewal`) or `month-to-month` (rolls monthly; no renewal date)."""
    auto_renew: bool = False
    """Whether the contract renews unless cancelled."""
    notice_days: Annotated[int, Field(ge=0)] | None = None
    """Days of notice needed to cancel (`0`: none needed); left out, the notice period is
    unknown. The site computes the cancel-by date from it."""
    example: bool = False
    """True when the dates are illustrative data; the site labels them."""

    @model_validator(mode="after")
    def _month_to_month_has_no_renewal(self):
        if self.term is ContractTerm.MONTH_TO_MONTH and self.renewal is not None:
            raise ValueError("a month-to-month contract has no renewal date; remove `renewal` "
                             "or set `term: fixed`")
        return self


class Access(Strict):
    sso: bool | None = None
    """Whether people sign in through the company's single sign-on (SAML / OIDC)."""
    scim: bool | None = None
    """Whether accounts are created and removed automatically (SCIM provisioning)."""


class DataHandling(Strict):
    personal_data: bool
    """Whether the tool stores personal data about customers, prospects or staff."""
    categories: list[NonEmpty] = []
    """Kinds of personal data it holds, e.g. `contact details`, `behavioural data`."""
    residency: list[NonEmpty] = []
    """Where the data is stored, e.g. `EU`, `US`."""


class Reviews(Strict):
    security: dt.date | None = None
    """Date of the last security review."""
    privacy: dt.date | None = None
    """Date of the last privacy / compliance review."""
    example: bool = False
    """True when the dates are illustrative data; the site labels them."""


class Tool(Strict):
    """One martech product in the stack: `catalog/tools/<id>.yaml`."""

    name: Text
    """Product name as people say it."""
    vendor: NonEmpty
    """The company that sells or maintains it (`in-house` for home-grown tools)."""
    category: CategoryRef
    """The category id from `catalog/categories.yaml`."""
    lifecycle: Lifecycle
    """`evaluating`, `piloting`, `adopted`, `sunsetting` or `retired`."""
    owner: OwnerRef | None = None
    """The business owner accountable for the tool (budget, renewal): a role or a person.
    A tool without one is reported for review."""
    technical_owner: OwnerRef | None = None
    """Who administers the tool (admin or IT owner): a role or a person."""
    departments: list[NonEmpty] = []
    """Teams or departments that use the tool, e.g. `Marketing`, `Sales`, `IT`."""
    categories: list[CategoryRef] = []
    """Further categories besides the primary `category` (the stack map uses the primary one)."""
    users: list[RoleRef] = []
    """Roles that use the tool in their work."""
    capabilities: list[Id] = []
    """What the tool does, as ids (`email-marketing`, `lead-scoring`); shared ids reveal overlaps."""
    stages: list[JourneyStage] = []
    """Customer-journey stages the tool serves."""
    integrations: list[Integration] = []
    """Data flows to and from other tools in the catalog."""
    cost: Cost | Annotated[list[Cost], Field(min_length=1)] | None = None
    """What the tool costs: one cost line, or a list of them (licence, usage, media...)."""
    licences: Licences | None = None
    """Seats bought and in use."""
    contract: Contract | None = None
    """Contract term, renewal and notice period."""
    data: DataHandling | None = None
    """What data the tool holds."""
    reviews: Reviews | None = None
    """When the tool was last reviewed."""
    access: Access | None = None
    """How people sign in: single sign-on and provisioning."""
    url: Url | None = None
    """The product's web site."""
    tags: list[Id] = []
    """Free labels for search and grouping."""
    custom: dict[NonEmpty, CustomValue] = {}
    """The company's own fields (e.g. `cost centre: MKT-200`), shown on the tool page and in
    exports; values are text, numbers, true / false or dates."""
    description: Text | None = None
    """Markdown: what the team uses it for and how."""

    @property
    def cost_lines(self) -> list[Cost]:
        """``cost`` as a list, whichever way it was written (empty when there is none)."""
        if self.cost is None:
            return []
        return [self.cost] if isinstance(self.cost, Cost) else list(self.cost)

    @property
    def owners(self) -> list[str]:
        """The business and technical owners' ids that are set (role or person ids)."""
        return [o for o in (self.owner, self.technical_owner) if o]


# --------------------------------------------------------------------------- people


class Archetype(str, Enum):
    MAESTRO = "maestro"
    MODELER = "modeler"
    MAKER = "maker"
    MARKETER = "marketer"
    MANAGER = "manager"


class Role(Strict):
    """A position in or around the MOps team: `catalog/roles/<id>.yaml`."""

    name: Text
    """The job title."""
    archetype: Archetype
    """Brinker's archetype: `maestro` (runs the systems), `modeler` (data), `maker` (builds),
    `marketer` (uses the tools), or `manager` (leads people and martech strategy)."""
    reports_to: RoleRef | None = None
    """The role this one reports to."""
    summary: Text
    """One or two sentences on what the role is for."""
    responsibilities: list[NonEmpty] = []
    """What the role is responsible for."""
    skills: list[NonEmpty] = []
    """Skills the role needs."""
    tasks: list[TaskRef] = []
    """Ids of the MOps tasks (`catalog/tasks.yaml`) this role covers."""
    department: NonEmpty | None = None
    """The department the role sits in (e.g. `IT`, `Legal`, `Sales`); left out, the marketing
    team."""
    description: Text | None = None
    """Markdown: anything else worth knowing."""


class Person(Strict):
    """Someone by name, e.g. a tool's owner: `catalog/people/<id>.yaml`."""

    name: Text
    """The person's name."""
    email: Email | None = None
    """Their work e-mail address."""
    role: RoleRef | None = None
    """The role (position) they hold."""
    department: NonEmpty | None = None
    """Their department, e.g. `Marketing`, `IT`, `Legal`, `Sales`, `Finance`."""
    description: Text | None = None
    """Markdown: anything else worth knowing."""


class CompanySize(str, Enum):
    SMALL = "small"
    MID_SIZE = "mid-size"
    ENTERPRISE = "enterprise"


class OperatingModel(str, Enum):
    ONE_PERSON_BAND = "one-person-band"
    SUPPORTING_MARKETING = "supporting-marketing"
    STRATEGIC_PARTNER = "strategic-partner"


class Member(Strict):
    role: RoleRef
    """The role's id."""
    headcount: Annotated[int, Field(ge=1)] = 1
    """How many people hold the role."""
    reports_to: RoleRef | None = None
    """Who the role reports to in this structure, when it differs from the role's own
    `reports_to` (e.g. specialists under a manager in an enterprise team); must be a member."""


class Team(Strict):
    """A team structure: `catalog/teams/<id>.yaml`."""

    name: Text
    """The structure's name."""
    company_size: CompanySize
    """The company size it fits: `small`, `mid-size` or `enterprise`."""
    operating_model: OperatingModel
    """`one-person-band`, `supporting-marketing` or `strategic-partner` (to the CMO)."""
    members: Annotated[list[Member], Field(min_length=1)]
    """The roles in the team and how many people hold each."""
    description: Text | None = None
    """Markdown: when this structure fits and how it works."""


# --------------------------------------------------------------------------- playbooks


class Raci(Strict):
    responsible: Annotated[list[RoleRef], Field(min_length=1)]
    """Roles that do the work (at least one)."""
    accountable: RoleRef | list[RoleRef]
    """The one role that answers for the result (exactly one)."""
    consulted: list[RoleRef] = []
    """Roles asked for input before or during the step."""
    informed: list[RoleRef] = []
    """Roles told of the result."""


class Step(Strict):
    name: NonEmpty
    """A short imperative title, e.g. `Research keywords`."""
    id: Id | None = None
    """An id for the step, so other steps can name it in `depends_on`."""
    depends_on: list[Id] = []
    """Ids of the steps of this playbook that must finish before this one starts."""
    duration: Duration | None = None
    """How long the step usually takes: `30 minutes`, `2 hours`, `3 days`, `1 week`."""
    description: Text | None = None
    """Markdown: how the step is done."""
    raci: Raci
    """Who is Responsible, Accountable, Consulted and Informed."""
    tools: list[ToolRef] = []
    """Tools used in the step."""
    outputs: list[NonEmpty] = []
    """What the step produces."""


class Playbook(Strict):
    """A repeatable process with ordered steps: `playbooks/<id>.yaml`."""

    name: Text
    """The process name."""
    purpose: Text
    """Why the process exists and what it achieves."""
    owner: RoleRef
    """The role that owns and improves the process."""
    trigger: Text | None = None
    """What starts it, e.g. `a new product launch is scheduled`."""
    cadence: Text | None = None
    """How often it runs, e.g. `quarterly`, if it is periodic."""
    steps: Annotated[list[Step], Field(min_length=1)]
    """The steps, in order."""
    kpis: list[KpiRef] = []
    """KPIs (`catalog/kpis/`) this playbook moves."""
    description: Text | None = None
    """Markdown: background and tips."""


# --------------------------------------------------------------------------- taxonomy


class Kpi(Strict):
    """A metric the team tracks: `catalog/kpis/<id>.yaml`."""

    name: Text
    """The metric's name."""
    definition: Text
    """How it is measured."""
    vanity: bool = False
    """True for a vanity metric kept only to show what replaces it."""
    replaces: KpiRef | None = None
    """The vanity metric this one replaces."""
    source: NonEmpty | None = None
    """Where the recommendation comes from."""
    description: Text | None = None
    """Markdown: why it matters."""


class Layer(Strict):
    id: Id
    """The layer's id."""
    name: Text
    """Its display name."""
    description: Text | None = None
    """What belongs in this layer."""


class Category(Strict):
    id: Id
    """The category's id, used by tools' `category`."""
    name: Text
    """Its display name."""
    layer: LayerRef
    """The stack layer it belongs to."""
    description: Text | None = None
    """What tools in this category do."""


class Task(Strict):
    id: Id
    """The task's id, used by roles' `tasks`."""
    name: Text
    """What the task is."""
    share: Annotated[float, Field(ge=0, le=100)] | None = None
    """Percentage of MOps professionals responsible for it."""
    source: NonEmpty | None = None
    """Where the figure comes from."""


class Taxonomy(Strict):
    """`catalog/categories.yaml`: stack layers and the categories in them."""

    layers: Annotated[list[Layer], Field(min_length=1)]
    """Stack layers, in the order the stack map shows them."""
    categories: Annotated[list[Category], Field(min_length=1)]
    """Tool categories, in display order."""


class TaskList(Strict):
    """`catalog/tasks.yaml`: the MOps tasks roles can cover."""

    source: NonEmpty | None = None
    """Where the figures come from."""
    tasks: Annotated[list[Task], Field(min_length=1)]
    """The tasks, most common first."""



# --------------------------------------------------------------------------- acknowledgements


class Acknowledgement(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]\d{3}$")]
    """The finding or rule code, e.g. `I001`."""
    subjects: list[NonEmpty] = []
    """The ids of the tools or roles the finding is about (in any order)."""
    reason: NonEmpty
    """Why the finding is known and accepted."""
    until: dt.date | None = None
    """The day the acknowledgement expires; after it the finding is open again."""
    by: NonEmpty | None = None
    """Who acknowledged it."""


class AcknowledgementList(Strict):
    """`catalog/acknowledgements.yaml`: findings the team knows about and accepts."""

    acknowledgements: list[Acknowledgement] = []
    """The acknowledged findings."""

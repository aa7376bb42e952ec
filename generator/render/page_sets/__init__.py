"""The page sets that make up the site, in order. Each is ``(renderer) -> {path: Page}``."""

from generator.render import insights
from generator.render.page_sets import downloads, entities, overviews, reference

PAGE_SETS = [
    overviews.home_page,
    overviews.stack_pages,
    entities.tool_pages,
    entities.category_pages,
    overviews.integration_pages,
    entities.role_pages,
    entities.person_pages,
    entities.team_pages,
    overviews.tasks_page,
    entities.playbook_pages,
    overviews.raci_page,
    entities.kpi_pages,
    insights.insight_pages,
    downloads.csv_index_page,
    reference.reference_index,
    reference.field_reference,
    reference.rule_reference,
]

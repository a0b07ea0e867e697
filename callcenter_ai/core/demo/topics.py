"""All demo topics, in the fixed order the generator draws from (the order keeps a seed's calls the same)."""

from __future__ import annotations

from callcenter_ai.core.demo.script import Topic, parse_topics
from callcenter_ai.core.demo.topics_equipment import SCRIPT as EQUIPMENT_SCRIPT
from callcenter_ai.core.demo.topics_mobile import SCRIPT as MOBILE_SCRIPT
from callcenter_ai.core.demo.topics_money import SCRIPT as MONEY_SCRIPT
from callcenter_ai.core.demo.topics_service import SCRIPT as SERVICE_SCRIPT
from callcenter_ai.core.demo.topics_shop import SCRIPT as SHOP_SCRIPT

TOPICS: list[Topic] = [
    t
    for script in (MONEY_SCRIPT, SHOP_SCRIPT, SERVICE_SCRIPT, EQUIPMENT_SCRIPT, MOBILE_SCRIPT)
    for t in parse_topics(script)
]
TOPIC_NAMES = tuple(t.name for t in TOPICS)

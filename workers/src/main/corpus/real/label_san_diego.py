#!/usr/bin/env python3
"""Builds san-diego-get-it-done.jsonl from rows copied out of the City of San Diego's "Get It Done"
2021 requests (ODC-PDDL): {"id", "service_name", "text"} lines on stdin, where text is the
public_description a resident wrote. See SOURCES.md for the source, licence and the rules below.

Labels are derived, not read one by one: the request type the resident chose maps to a service
(SERVICES), and the text's own words override it where DOMAIN.md's precedence says so: a resident
chasing an earlier report or finding fault with the city is a complaint; a text that is plainly about
another service (ice, a dead animal) goes to that service; a question reporting nothing is a query,
and a neighbour's noise is other. Personal data is removed (emails, phone
numbers, plates, house numbers) and rows that name a person are dropped.

usage: label_san_diego.py [labelled.jsonl ...] < raw.jsonl > san-diego-get-it-done.jsonl   (counts on stderr)
Rows whose text is already in one of the labelled files named (the hand-labelled rows, a held-out set)
are left out, so no message is in two files.
"""
import collections
import json
import re
import sys

# San Diego request type (lower case, substring) -> our service code; first match wins.
SERVICES = [
    ("pothole", "potholes"), ("sidewalk repair", "potholes"), ("pavement", "potholes"),
    ("street light", "street_lighting"),
    ("graffiti", "graffiti"),
    ("illegal dumping", "fly_tipping_litter"), ("waste on private property", "fly_tipping_litter"), ("litter", "fly_tipping_litter"),
    ("street sweeping", "fly_tipping_litter"),
    ("missed collection", "waste_collection"), ("container", "waste_collection"), ("trash", "waste_collection"),
    ("recycl", "waste_collection"), ("collection", "waste_collection"),
    ("traffic sign", "signs_markings_signals"), ("traffic signal", "signs_markings_signals"), ("signal", "signs_markings_signals"),
    ("striping", "signs_markings_signals"), ("marking", "signs_markings_signals"), ("curb paint", "signs_markings_signals"),
    ("crosswalk", "signs_markings_signals"), ("traffic engineering", "signs_markings_signals"),
    ("tree", "trees_vegetation"), ("weed", "trees_vegetation"), ("vegetation", "trees_vegetation"), ("brush", "trees_vegetation"),
    ("storm", "drainage_flooding"), ("drain", "drainage_flooding"), ("flood", "drainage_flooding"),
    ("dead animal", "dead_animals"),
    ("72 hour", "obstructions_vehicles"), ("abandon", "obstructions_vehicles"), ("parking", "obstructions_vehicles"),
    ("shared mobility", "obstructions_vehicles"), ("encroachment", "obstructions_vehicles"), ("obstruct", "obstructions_vehicles"),
    ("vehicle", "obstructions_vehicles"),
]
# The text's words name another service plainly: they win over the request type chosen.
TEXT_SERVICES = [
    (r"\b(ice|icy|snow|grit)\b(?! ?cream)", "winter_ice_snow"),
    (r"\bdead (dog|cat|bird|animal|raccoon|possum|opossum|rat|skunk|coyote|deer|squirrel|seal|pigeon|rabbit)s?\b", "dead_animals"),
    (r"\bpot ?holes?\b", "potholes"),
    (r"\bgraffiti\b|\btagg(ed|ing)\b", "graffiti"),
    (r"\bstreet ?lights?\b.*\b(out|off|not working|flicker)", "street_lighting"),
    (r"\b(dumped|dumping|mattress|couch|sofa)\b", "fly_tipping_litter"),
]
# For a request filed under "Other" (or a type we do not map), the text's words choose the service.
FALLBACK_TEXT_SERVICES = [
    (r"\b(trees?|palms?|branch(es)?|hedges?|bush(es)?|limbs?|fronds?|roots?)\b", "trees_vegetation"),
    (r"\b(lights?|lamps?)\b", "street_lighting"),
    (r"\b(signs?|signals?|crosswalk|stripes?|striping|markings?)\b", "signs_markings_signals"),
    (r"\b(drains?|flood(ed|ing)?|storm ?water|gutter)\b", "drainage_flooding"),
    (r"\b(trash|litter|garbage|debris|junk)\b", "fly_tipping_litter"),
    (r"\b(sidewalk|road|street|asphalt|pavement)\b.*\b(crack|broken|hole|uneven|raised|lifted|damaged)", "potholes"),
]
# A question with nothing reported for action: DOMAIN.md's query.
QUERY = re.compile(r"^\s*(what|when|why|how|who|where|is|are|can|could|will|would|do|does|did)\b[^.!]*\?", re.I)
REPORT_WORDS = re.compile(r"\b(please|fix|repair|remove|broken|missing|out|blocked|dumped|damaged|not working)\b", re.I)
# A neighbour's noise or pets: not about a public place or the council (DOMAIN.md's other).
NEIGHBOUR = re.compile(r"\b(bark(s|ing)?|loud music|noise|noisy|fireworks)\b", re.I)
# Chasing an earlier report, or finding fault with the city's work: DOMAIN.md's complaint.
COMPLAINT = re.compile(
    r"\b(reported (this|it|these)|i('ve| have)? (reported|called|submitted|requested)|(been|was) reported|"
    r"(several|multiple|numerous|many|three|3|four|4|five|5) times|(second|third|fourth|fifth) time|again and again|"
    r"still (not|hasn'?t|haven'?t|has not|have not|no)|never (been )?(fixed|came|come|repaired|responded|showed)|"
    r"no (one|body) (has|came|come|ever)|nobody (has|came|ever)|closed (my|the|this) (request|report|ticket|case)|"
    r"unacceptable|ridiculous|rude|disgrace|shameful|incompetent|poor job|terrible job|bad job|sloppy|"
    r"waste of (tax|money)|why (does|do|is|are|hasn'?t|haven'?t|won'?t) (it|the city|you|this)|fix it already|"
    r"(previous|prior|earlier|last) (request|report|ticket|case)|marked (as )?(closed|resolved|complete)|"
    r"claim for|reimburse|damaged my)\b", re.I)
EMAIL = re.compile(r"\S+@\S+")
PHONE = re.compile(r"(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b")
PLATE = re.compile(r"\b(plate|license|licence|lic)\s*(#|no\.?|number|plate)?\s*:?\s*[A-Z0-9]{5,8}\b|\b\d[A-Z]{3}\d{3}\b", re.I)
HOUSE_NUMBER = re.compile(r"\b\d{1,6}(?=\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+)?\s+"
                          r"(?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Way|Ct|Court|Pl|Place|Ln|Lane|Pkwy|Cir|Circle|Ter|Terrace)\b)")
PERSON = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+|\bmy (neighbou?r|tenant|landlord) [A-Z][a-z]+", re.I)
SKIP_TYPES = ("covid", "encampment", "homeless")
# A call-taker's or officer's note about the caller, not the resident's own words.
NOT_RESIDENTS_WORDS = re.compile(r"\b(resident|customer|caller|citizen|rp|cx) (called|calling|states?|stated|says|said|reports?|reported|request(s|ed)?|is requesting|would like)\b"
                                 r"|\bper (sdpd|pd|officer|supervisor|crew)\b|\bcalled in\b|\bself int\b|^\s*translated:|\binitiated by\b|\bstaff\b"
                                 r"|\bhauler'?s list\b|\breported (at|on) \w", re.I)
# At most this many rule-labelled rows per service, so the many scooter and parking reports do not swamp the rest.
PER_SERVICE = 100


def service_of(service_name, text):
    for pattern, service in TEXT_SERVICES:
        if re.search(pattern, text, re.I):
            return service
    name = service_name.lower()
    for key, service in SERVICES:
        if key in name:
            return service
    for pattern, service in FALLBACK_TEXT_SERVICES:
        if re.search(pattern, text, re.I):
            return service
    return "other_fault"


def scrub(text):
    text = EMAIL.sub("", text)
    text = PHONE.sub("", text)
    text = PLATE.sub("", text)
    text = HOUSE_NUMBER.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" ,;")


def normal(text):
    return re.sub(r"\W+", " ", text.lower()).strip()


def main():
    seen = set()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as labelled:
            seen.update(normal(json.loads(line)["text"]) for line in labelled if line.strip())
    counts = collections.Counter()
    dropped = collections.Counter()
    for line in sys.stdin:
        if not line.strip():
            continue
        row = json.loads(line)
        name, text = row.get("service_name", ""), row.get("text", "")
        if any(s in name.lower() for s in SKIP_TYPES):
            dropped["type"] += 1
            continue
        words = re.findall(r"[A-Za-z]+", text)
        if NOT_RESIDENTS_WORDS.search(text) or (len(words) >= 6 and text.upper() == text):
            # All capitals at length: in this data, a city worker's note (residents type in mixed case).
            dropped["not the resident's words"] += 1
            continue
        if PERSON.search(text) or "http" in text.lower():
            dropped["person or link"] += 1
            continue
        text = scrub(text)[:400]
        key = normal(text)
        if len(re.findall(r"[A-Za-z]{2,}", text)) == 0:
            dropped["no words"] += 1
            continue
        if key in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(key)
        service = service_of(name, text)
        if COMPLAINT.search(text):
            out = {"text": text, "category": "complaint", "service": None}
        elif NEIGHBOUR.search(text):
            out = {"text": text, "category": "other", "service": None}
        elif QUERY.search(text) and not REPORT_WORDS.search(text):
            out = {"text": text, "category": "query", "service": None}
        else:
            out = {"text": text, "category": "pothole_report" if service == "potholes" else "fault_report", "service": service}
        out["source"] = "san-diego-get-it-done"
        if out["service"] and counts[(out["category"], out["service"])] >= PER_SERVICE:
            dropped["over the cap for its service"] += 1
            continue
        counts[(out["category"], out["service"])] += 1
        print(json.dumps(out, ensure_ascii=False))
    for key, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{n:5} {key[0]} {key[1] or ''}", file=sys.stderr)
    print(f"kept {sum(counts.values())}, dropped {dict(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Demo events over the past and next 12 months, attached to published organisations.

The `demo_data` step of events (`manage.py generate_demo_data --events E`). Deterministic for
a given seed (and day): slugs are `demo-<seed>-<n>`, so running it again updates the same
events instead of adding more.
"""

import datetime
import zoneinfo

from django.utils import lorem_ipsum, timezone

from directory.models import Language, Organisation, Term

from .models import EVENT_VOCABULARIES, Event, local_midnight

KINDS = ["Workshop", "Matchmaking day", "Webinar", "Conference", "Study visit", "Hackathon",
         "Info session", "Summit", "Masterclass", "Networking breakfast"]  # fmt: skip
TOPICS = ["circular economy", "hydrogen", "digital twins", "AI in manufacturing", "agri-food",
          "cluster internationalisation", "skills", "space data", "smart health", "batteries",
          "sustainable textiles", "cyber security", "EU funding calls", "mobility"]  # fmt: skip
# (city, country, venue time zone): mostly Europe, some further away to exercise time zones.
PLACES = [
    ("Brussels", "BE", "Europe/Brussels"), ("Ghent", "BE", "Europe/Brussels"),
    ("Lyon", "FR", "Europe/Paris"), ("Bilbao", "ES", "Europe/Madrid"),
    ("Porto", "PT", "Europe/Lisbon"), ("Munich", "DE", "Europe/Berlin"),
    ("Vilnius", "LT", "Europe/Vilnius"), ("Helsinki", "FI", "Europe/Helsinki"),
    ("Cluj-Napoca", "RO", "Europe/Bucharest"), ("Dublin", "IE", "Europe/Dublin"),
    ("Boston", "US", "America/New_York"), ("Tokyo", "JP", "Asia/Tokyo"),
]  # fmt: skip


def create_events(options, rng, stdout):
    """`--events E` demo events (default: one per 10 demo profiles)."""
    count = options["events"]
    organisations = list(Organisation.objects.published().order_by("pk"))
    if not count or not organisations:
        return
    terms = list(Term.objects.filter(vocabulary__in=EVENT_VOCABULARIES).order_by("pk"))
    languages = list(Language.objects.order_by("pk")[:6])
    today = timezone.localdate()
    created = updated = 0
    for n in range(1, count + 1):
        fields, relations = _event(rng, n, today, organisations, terms, languages)
        event, was_created = Event.objects.update_or_create(
            slug=f"demo-{options['seed']}-{n}", defaults=fields
        )
        event.co_organisers.set(relations["co_organisers"])
        event.terms.set(relations["terms"])
        event.tags.set(relations["tags"])
        created += was_created
        updated += not was_created
    stdout.write(f"Demo events: {created} created, {updated} updated.")


def _event(rng, n, today, organisations, terms, languages):
    kind, topic = rng.choice(KINDS), rng.choice(TOPICS)
    city, country, tz_name = rng.choice(PLACES)
    event_format = rng.choices(list(Event.Format), weights=[6, 3, 2])[0]
    day = today + datetime.timedelta(days=rng.randint(-365, 365))
    all_day = rng.random() < 0.2
    length_days = rng.choice([0, 0, 0, 1, 2]) if all_day else rng.choice([0] * 8 + [1, 2])
    tz = zoneinfo.ZoneInfo(tz_name)
    start_hour = rng.choice([8, 9, 9, 10, 13, 14, 16, 18])
    start = local_midnight(day, tz) + datetime.timedelta(hours=start_hour)
    if all_day:
        end = local_midnight(day + datetime.timedelta(days=length_days), tz)
    elif length_days:
        end = local_midnight(day + datetime.timedelta(days=length_days), tz)
        end += datetime.timedelta(hours=rng.choice([12, 13, 17]))
    else:
        end = start + datetime.timedelta(hours=rng.choice([1, 2, 3, 4, 8]))
    online = event_format != Event.Format.IN_PERSON
    in_person = event_format != Event.Format.ONLINE
    organiser = rng.choice(organisations)
    others = [o for o in organisations if o != organiser]
    paragraphs = lorem_ipsum.paragraphs(rng.randint(1, 3), common=False)
    fields = {
        "title": f"{kind}: {topic}",
        "organiser": organiser,
        "description": "".join(f"<p>{p}</p>" for p in paragraphs),
        "start": start,
        "end": end,
        "all_day": all_day,
        "timezone": tz_name,
        "format": event_format,
        "venue": f"{city} Innovation Hub" if in_person else "",
        "address": f"{rng.randint(1, 120)} Cluster Street" if in_person else "",
        "city": city if in_person else "",
        "country": country if in_person else "",
        "online_url": f"https://meet.example.org/demo-{n}" if online else "",
        "registration_url": f"https://example.org/register/demo-{n}" if rng.random() < 0.6 else "",
        "language": rng.choice(languages) if languages and rng.random() < 0.7 else None,
        "is_published": rng.random() < 0.92,
    }
    relations = {
        "co_organisers": rng.sample(others, k=min(len(others), rng.choice([0, 0, 1, 2]))),
        "terms": rng.sample(terms, k=min(len(terms), rng.randint(0, 3))),
        "tags": rng.sample(TOPICS, k=rng.randint(0, 2)),
    }
    return fields, relations

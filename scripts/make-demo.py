#!/usr/bin/env python3
"""Generate the demo caseload data/demo.json (interchange format ikamet/1).

The demo "today" is 2026-11-23 (a Monday). Every client carries a short
`notes` line saying what it demonstrates; Tests/IkametCoreTests/DemoCaseloadTests.swift
checks the coverage (deadline kinds, severities, long-term rules on both
sides, checklist states) with the real engines.

Deterministic: no randomness, no clock. Run from anywhere:
    python3 scripts/make-demo.py
"""
import datetime as dt
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = dt.date(2026, 11, 23)

with open(os.path.join(ROOT, "data", "checklists.json"), encoding="utf-8") as f:
    TEMPLATES = json.load(f)["items"]
TEMPLATE_BY_ID = {t["id"]: t for t in TEMPLATES}


# ---------------------------------------------------------------- dates

def D(s):
    return s if isinstance(s, dt.date) else dt.date.fromisoformat(s)


def iso(d):
    return None if d is None else d.isoformat()


def add_days(d, n):
    return d + dt.timedelta(days=n)


def add_months(d, n):
    """RULES.md §1: keep the day of month, clamp to the month's last day."""
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    m += 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def stable(text, mod):
    """A deterministic number in [0, mod) derived from text."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % mod


# ---------------------------------------------------------------- ids and documents

def foreigner_id(seed, valid=True):
    """11 digits starting with 99; RULES.md §10 checksum unless valid=False."""
    body = [9, 9] + [int(c) for c in f"{stable('ykn' + seed, 10**7):07d}"]
    odd = body[0] + body[2] + body[4] + body[6] + body[8]
    even = body[1] + body[3] + body[5] + body[7]
    d10 = (7 * odd - even) % 10
    d11 = (sum(body) + d10) % 10
    if not valid:
        d11 = (d11 + 3) % 10  # deliberately wrong check digit (a validation warning)
    return "".join(map(str, body + [d10, d11]))


def check_ykn(y):
    d = [int(c) for c in y]
    odd = d[0] + d[2] + d[4] + d[6] + d[8]
    even = d[1] + d[3] + d[5] + d[7]
    return d[9] == (7 * odd - even) % 10 and d[10] == sum(d[:10]) % 10


PASSPORT_PREFIX = {
    "DE": "C", "AT": "P", "GB": "", "US": "", "IE": "P", "FR": "", "NL": "N", "IT": "Y", "ES": "PA",
    "RO": "0", "PL": "E", "NO": "", "RU": "7", "UA": "F", "KZ": "N", "KG": "AC", "UZ": "FA",
    "AZ": "C", "GE": "", "IR": "X", "IQ": "A", "SY": "N", "AF": "P", "LB": "LR", "EG": "A",
    "MA": "U", "SA": "X", "CN": "E", "JP": "T", "KR": "M", "VN": "C", "IN": "Z", "NG": "B",
    "BR": "F", "TM": "A", "JO": "R", "PK": "AB", "AU": "PA",
    "BA": "A", "BG": "", "SE": "", "CO": "AW", "TJ": "", "CA": "AB", "BY": "MP", "RS": "", "PH": "P", "MX": "G",
}


def passport_number(cid, nat):
    p = PASSPORT_PREFIX.get(nat, "")
    return p + f"{stable('pp' + cid, 10**8):08d}"[: 9 - len(p)]


def phone(cid):
    n = stable("tel" + cid, 10**7)
    op = ["532", "533", "535", "541", "542", "505", "506", "555", "553", "544"][stable("op" + cid, 10)]
    s = f"{n:07d}"
    return f"+90 {op} {s[:3]} {s[3:5]} {s[5:]}"


PLATE = {"İstanbul": "34", "Ankara": "06", "İzmir": "35", "Antalya": "07", "Bursa": "16", "Muğla": "48",
         "Eskişehir": "26", "Konya": "42", "Mersin": "33", "Trabzon": "61", "Gaziantep": "27", "Kocaeli": "41",
         "Aydın": "09"}


def permit_number(cid, province, start, k):
    return f"{PLATE[province]}-{start.year}-{stable(f'pn{cid}{k}', 10**6):06d}"


# ---------------------------------------------------------------- building blocks

def permit(ptype, start, end, province):
    return {"type": ptype, "start": start, "end": end, "province": province}


def chain(ptype, first_start, months, until, province):
    """Consecutive permits of `months` months from first_start until one ends after `until`."""
    out, s = [], D(first_start)
    until = D(until)
    while True:
        e = add_days(add_months(s, months), -1)
        out.append(permit(ptype, s, e, province))
        if e >= until:
            return out
        s = add_days(e, 1)


def academic_chain(first_start, last_end, province):
    """Student permits renewed every academic year (ending 31 August)."""
    out, s, last_end = [], D(first_start), D(last_end)
    while s <= last_end:
        e = dt.date(s.year if s.month < 9 else s.year + 1, 8, 31)
        e = min(e, last_end)
        out.append(permit("student", s, e, province))
        s = add_days(e, 1)
    return out


def trip(exit, entry=None, exempt=None):
    return {"exit": exit, "entry": entry, "exempt": exempt}


def trip_days(exit, days, exempt=None):
    """A trip with exactly `days` abroad days (exit day abroad, entry day present)."""
    e = D(exit)
    return trip(e, add_days(e, days), exempt)


def entry(item, state, by=None, at=None, note=None):
    return {"item": item, "state": state, "by": by, "at": at, "note": note}


def checklist(kind, ptype, profile, at, ctx=(), overrides=None, custom=(), by="PL"):
    """The template items for kind/permit type (with conditions in ctx), in a state profile.

    Profiles: fresh (all missing), partial (mixed), ready (received / certified),
    done (submitted). overrides: {item: state or (state, note)}. custom: extra entries.
    """
    overrides = overrides or {}
    items = [t for t in TEMPLATES
             if (t.get("kinds") is None or kind in t["kinds"])
             and (t.get("permitTypes") is None or ptype in t["permitTypes"])
             and (t.get("condition") is None or t["condition"] in ctx)]
    at = D(at) if isinstance(at, str) else at
    out = []
    for i, t in enumerate(items):
        notarized = t.get("notarized", False)
        if profile == "fresh":
            state = "missing"
        elif profile == "partial":
            state = ["missing", "received", "certified" if notarized else "received"][i % 3]
        elif profile == "ready":
            state = "certified" if notarized else "received"
        elif profile == "done":
            state = "submitted"
        else:
            raise ValueError(profile)
        note = None
        if t["id"] in overrides:
            o = overrides[t["id"]]
            state, note = (o, None) if isinstance(o, str) else o
        who = None if state == "missing" else (by if i % 2 == 0 else ("ZT" if by == "PL" else "PL"))
        when = None if state == "missing" else add_days(at, -(i % 4))
        out.append(entry(t["id"], state, who, when, note))
    for c in custom:
        out.append(c)
    unknown = set(overrides) - {t["id"] for t in items}
    assert not unknown, f"overrides for items not in the checklist: {unknown}"
    return out


def app(id, kind, ptype, status, submitted=None, delivery="mail", mailed=None, tracking=None,
        appointment=None, decided=None, filedBy="attorney", checklist=(), steps=None,
        exitDocument=None, cardReceived=None, snapshot=None,
        documentsRequested=None, documentsCompleted=None, requestedEnd=None):
    """One application. The r2 fields (documentsRequested, documentsCompleted, requestedEnd)
    are written only when given, as the interchange writer omits absent ones."""
    a = {"id": id, "kind": kind, "permitType": ptype, "status": status, "submitted": submitted,
         "delivery": delivery, "mailed": mailed, "tracking": tracking, "appointment": appointment,
         "decided": decided, "filedBy": filedBy, "checklist": list(checklist)}
    if steps is not None:
        a["steps"] = {k: steps.get(k) for k in ("online", "appointment", "packageSubmitted", "reviewStarted")}
    if exitDocument is not None:
        a["exitDocument"] = exitDocument
    if cardReceived is not None:
        a["cardReceived"] = cardReceived
    if snapshot is not None:
        a["snapshot"] = snapshot
    for k, v in (("documentsRequested", documentsRequested), ("documentsCompleted", documentsCompleted),
                 ("requestedEnd", requestedEnd)):
        if v is not None:
            a[k] = v
    return a


def long_term(publicAid="unknown", income="unknown", insurance="unknown", publicOrder="unknown",
              requested=None, received=None, result=None):
    return {"publicAid": publicAid, "income": income, "insurance": insurance, "publicOrder": publicOrder,
            "entryExitRecord": {"requested": requested, "received": received, "result": result}}


def tracking(cid, k=0):
    return f"RR{stable(f'tr{cid}{k}', 10**9):09d}TR"


CLIENTS = []


def client(id, name, nat, born, province, attorney, notes, permits, email, address, passport_expires,
           trips=(), lt=None, apps=(), poa=None, ykn_valid=True, ykn=True,
           fatherName=None, motherName=None, birthPlace=None, sex=None, maritalStatus=None, closed=None, supporter=None):
    """One client. The r2 identity fields and `closed` (see closing()) are written only when given."""
    c = {
        "id": id, "name": name, "nationality": nat, "birthDate": born,
        "foreignerId": foreigner_id(id, ykn_valid) if ykn else None,
        "passport": {"number": passport_number(id, nat), "expires": passport_expires},
        "phone": phone(id), "email": email, "address": address, "province": province,
        "attorney": attorney, "notes": notes,
        "permits": [{"type": p["type"], "start": p["start"], "end": p["end"],
                     "number": permit_number(id, p["province"], p["start"], k), "province": p["province"]}
                    for k, p in enumerate(permits)],
        "trips": list(trips), "longTerm": lt or long_term(), "applications": list(apps),
    }
    if poa is not None:
        c["powerOfAttorney"] = {"date": poa[0], "notary": poa[1], "expires": poa[2]}
    for k, v in (("fatherName", fatherName), ("motherName", motherName), ("birthPlace", birthPlace),
                 ("sex", sex), ("maritalStatus", maritalStatus), ("closed", closed), ("supporter", supporter)):
        if v is not None:
            c[k] = v
    CLIENTS.append(c)
    return c


CLOSING_REASONS = ("left-turkey", "citizenship", "transferred-out", "deceased", "other")


def closing(date, reason, note=None):
    """A closed file (RULES.md §11): nothing is listed for the client from `date` on."""
    assert reason in CLOSING_REASONS, reason
    return {"date": date, "reason": reason, "note": note}


def snapshot_of(c, permit_index, **changes):
    """The data entered in e-ikamet at a submission (RULES.md §8a): the client's record, with the
    permit at `permit_index` for reference, and `changes` for what differed at the time."""
    p = c["permits"][permit_index]
    snap = {"name": c["name"], "fatherName": c.get("fatherName"), "motherName": c.get("motherName"),
            "birthDate": c["birthDate"], "birthPlace": c.get("birthPlace"), "sex": c.get("sex"),
            "maritalStatus": c.get("maritalStatus"), "nationality": c["nationality"], "foreignerId": c["foreignerId"],
            "passportNumber": c["passport"]["number"], "passportExpires": c["passport"]["expires"],
            "address": c["address"], "phone": c["phone"], "email": c["email"],
            "permitType": p["type"], "permitNumber": p["number"], "permitStart": p["start"], "permitEnd": p["end"]}
    unknown = set(changes) - set(snap)
    assert not unknown, f"not a snapshot field: {unknown}"
    snap.update(changes)
    return {k: v for k, v in snap.items() if v is not None}  # the writer omits absent snapshot fields


def poa(date, notary, expires):
    return (date, notary, expires)


# Long-term application checklist helper (the common long-term items).
def lt_checklist(profile, at, overrides=None, ctx=("foreign-documents",), by="PL"):
    return checklist("long-term", "long-term", profile, at, ctx, overrides, by=by)


# ================================================================ the caseload
# Deadline demos (RULES.md §3). Dates are relative to TODAY = 2026-11-23 (Mon).

client("2026-0101", "Lukas Becker", "DE", D("1988-07-14"), "İstanbul", "EK",
       "Demo: extension deadline in 5 days (critical, 28 Nov); draft extension, documents partly missing; the data submitted with A0 in 2024 differs from today's record (new address and passport).",
       chain("short-term", "2023-11-29", 12, "2024-11-28", "İstanbul")
       + [permit("short-term", D("2024-11-29"), D("2026-11-28"), "İstanbul")],
       "lukas.becker@example.de", "Caferağa Mah. Moda Cad. No: 41 D: 3, Kadıköy", D("2032-03-01"),
       trips=[trip(D("2025-07-18"), D("2025-08-09")), trip(D("2026-04-02"), D("2026-04-12"))],
       apps=[app("A0", "extension", "short-term", "approved", submitted=D("2024-11-04"), mailed=D("2024-11-06"),
                 tracking=tracking("2026-0101", 1), decided=D("2024-11-26"), filedBy="attorney", cardReceived=D("2024-12-14"),
                 checklist=checklist("extension", "short-term", "done", "2024-11-06"),
                 snapshot={"name": "Lukas Becker", "passportNumber": "C3T7K2M9P", "passportExpires": D("2027-01-15"),
                           "address": "Caferağa Mah. Moda Cad. No: 12 D: 1, Kadıköy", "phone": "+90 532 410 22 81",
                           "email": "lukas.becker@example.de", "permitType": "short-term", "permitNumber": None,
                           "permitStart": D("2023-11-29"), "permitEnd": D("2024-11-28")}),
             app("A1", "extension", "short-term", "draft", filedBy="attorney",
                 checklist=checklist("extension", "short-term", "partial", "2026-11-20",
                                     overrides={"purpose-document": ("received", "notarized lease, 2 years")}))],
       poa=poa(D("2025-11-10"), "Kadıköy 12. Noterliği", D("2027-11-10")))

client("2025-0318", "Ольга Петрова", "RU", D("1979-02-03"), "Antalya", "MA",
       "Demo: extension window open, last filing day 15 Dec (soon, 22 days); no application started yet.",
       [permit("short-term", D("2025-12-16"), D("2026-12-15"), "Antalya")],
       "olga.petrova@example.ru", "Konyaaltı Cad. Liman Mah. 28. Sok. No: 9 D: 12, Konyaaltı", D("2031-08-20"),
       trips=[trip(D("2026-05-01"), D("2026-05-21"))])

client("2024-0077", "Emily Carter", "US", D("1991-10-22"), "İzmir", "EK",
       "Demo: extension window opens 19 Jan 2027 (upcoming); a renewed short-term history.",
       [permit("short-term", D("2024-03-21"), D("2025-03-20"), "İzmir"),
        permit("short-term", D("2025-03-21"), D("2027-03-20"), "İzmir")],
       "emily.carter@example.com", "Alsancak Mah. Kıbrıs Şehitleri Cad. No: 112 D: 5, Konak", D("2033-06-30"),
       trips=[trip(D("2025-12-19"), D("2026-01-06"))],
       apps=[app("A1", "first", "short-term", "approved", submitted=D("2024-02-26"), delivery="appointment",
                 appointment="2024-03-12T10:15", decided=D("2024-03-21"), filedBy="client",
                 checklist=checklist("first", "short-term", "done", "2024-03-12"), cardReceived=D("2024-04-08")),
             app("A2", "extension", "short-term", "approved", submitted=D("2025-02-10"), mailed=D("2025-02-13"),
                 tracking=tracking("2024-0077", 2), decided=D("2025-03-05"), filedBy="client",
                 checklist=checklist("extension", "short-term", "done", "2025-02-13"), cardReceived=D("2025-03-24"))])

client("2025-0412", "احمد کریمی", "IR", D("1983-12-30"), "İstanbul", "MA",
       "Demo: mailing deadline overdue (submitted Tue 10 Nov, 5th working day Tue 17 Nov, not posted); the pending extension hides the extension deadline.",
       [permit("short-term", D("2024-12-06"), D("2026-12-05"), "İstanbul")],
       "a.karimi@example.ir", "Esentepe Mah. Büyükdere Cad. No: 185 D: 21, Şişli", D("2030-01-15"),
       trips=[trip(D("2025-03-15"), D("2025-04-02"))],
       apps=[app("A1", "extension", "short-term", "submitted", submitted=D("2026-11-10"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "ready", "2026-11-12",
                                     overrides={"health-insurance": "missing", "sufficient-means": "missing"}))],
       poa=poa(D("2024-11-20"), "Şişli 7. Noterliği", D("2029-11-20")))

client("2026-0133", "李伟", "CN", D("1990-05-08"), "İstanbul", "EK",
       "Demo: mail documents by Fri 27 Nov (critical; submitted Fri 20 Nov); checklist shows received/certified/missing.",
       [permit("short-term", D("2025-01-11"), D("2027-01-10"), "İstanbul")],
       "li.wei@example.cn", "Levent Mah. Çarşı Cad. No: 7 D: 14, Beşiktaş", D("2034-09-09"),
       apps=[app("A1", "extension", "short-term", "submitted", submitted=D("2026-11-20"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "partial", "2026-11-23", ctx=("foreign-documents",),
                                     custom=[entry("company-activity-certificate", "received", "ZT", D("2026-11-23"),
                                                   "Faaliyet belgesi of the employer's branch")]))],
       poa=poa(D("2024-12-20"), "Beşiktaş 3. Noterliği", D("2027-12-20")))

client("2026-0140", "مريم حداد", "LB", D("1995-09-17"), "Ankara", "MA",
       "Demo: permit ended 18 Nov with nothing filed: last day for a new application 28 Nov (critical); a draft first application is not pending.",
       [permit("short-term", D("2025-11-19"), D("2026-11-18"), "Ankara")],
       "mariam.haddad@example.com", "Kızılay Mah. Atatürk Blv. No: 131 D: 8, Çankaya", D("2029-04-02"),
       apps=[app("A1", "first", "short-term", "draft", filedBy="attorney",
                 checklist=checklist("first", "short-term", "fresh", "2026-11-20"))],
       poa=poa(D("2026-11-20"), "Ankara 24. Noterliği", D("2028-11-20")))

client("2023-0215", "Дмитрий Соколов", "RU", D("1976-01-29"), "Antalya", "EK",
       "Demo: out of status since 11 Oct (permit ended 30 Sep, nothing filed); power of attorney expired 31 Oct (overdue).",
       [permit("short-term", D("2023-10-01"), D("2024-09-30"), "Antalya"),
        permit("short-term", D("2024-10-01"), D("2026-09-30"), "Antalya")],
       "d.sokolov@example.ru", "Güzeloba Mah. 2204 Sok. No: 6 D: 2, Muratpaşa", D("2030-11-11"),
       trips=[trip(D("2025-06-10"), D("2025-07-15")), trip(D("2026-08-01"), D("2026-08-20"))],
       apps=[app("A1", "extension", "short-term", "approved", submitted=D("2024-09-10"), mailed=D("2024-09-12"),
                 tracking=tracking("2023-0215"), decided=D("2024-09-27"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2024-09-12"), cardReceived=D("2024-10-15"))],
       poa=poa(D("2023-10-31"), "Antalya 9. Noterliği", D("2026-10-31")))

client("2025-0051", "田中 健二", "JP", D("1972-11-05"), "İstanbul", "MA",
       "Demo: passport expires 20 Feb 2027, under 60 days after the permit's end: passport-validity item 22 Dec (soon); renew the passport before the extension.",
       [permit("short-term", D("2025-01-16"), D("2027-01-15"), "İstanbul")],
       "k.tanaka@example.jp", "Cihangir Mah. Sıraselviler Cad. No: 58 D: 6, Beyoğlu", D("2027-02-20"),
       trips=[trip(D("2025-12-20"), D("2026-01-10"))])

client("2024-0190", "Sophie Martin", "FR", D("1967-03-11"), "Muğla", "EK",
       "Demo: passport expires 20 Dec 2026, before the permit's end: passport-validity overdue since 21 Oct; extension deadline 31 Dec.",
       [permit("short-term", D("2025-01-01"), D("2026-12-31"), "Muğla")],
       "sophie.martin@example.fr", "Gümbet Mah. Adnan Menderes Cad. No: 64, Bodrum", D("2026-12-20"),
       trips=[trip(D("2026-06-15"), D("2026-07-20"))],
       apps=[app("A1", "first", "short-term", "approved", submitted=D("2024-12-02"), delivery="appointment",
                 appointment="2024-12-17T14:00", decided=D("2024-12-30"), filedBy="attorney",
                 checklist=checklist("first", "short-term", "done", "2024-12-17"), cardReceived=D("2025-01-21"))],
       poa=poa(D("2024-11-28"), "Bodrum 2. Noterliği", None))

client("2026-0088", "Nguyễn Văn An", "VN", D("2003-08-19"), "Ankara", "MA",
       "Demo: transfer short-term → student, appointment Thu 26 Nov 10:30 (critical); filed by the client.",
       [permit("short-term", D("2026-03-01"), D("2027-02-28"), "Ankara")],
       "nguyen.van.an@example.vn", "Bahçelievler Mah. 7. Cad. No: 33 D: 4, Çankaya", D("2033-02-14"),
       apps=[app("A1", "transfer", "student", "appointment-booked", submitted=D("2026-11-02"), delivery="appointment",
                 appointment="2026-11-26T10:30", filedBy="client",
                 checklist=checklist("transfer", "student", "ready", "2026-11-18",
                                     overrides={"student-certificate": "missing"}))])

client("2023-0044", "فاطمة الزهراء بنعلي", "MA", D("1989-06-02"), "İzmir", "EK",
       "Demo: card not received 3 weeks after approval (card follow-up overdue since 10 Nov); renewed family permit recorded; her husband and supporter Karim Benali (not our client) has a permit to 30 Apr 2027 on file, before hers: his extension comes first.",
       [permit("family", D("2023-11-01"), D("2026-10-31"), "İzmir"),
        permit("family", D("2026-11-01"), D("2028-10-31"), "İzmir")],
       "fz.benali@example.ma", "Bostanlı Mah. Cemal Gürsel Cad. No: 210 D: 9, Karşıyaka", D("2031-07-07"),
       trips=[trip(D("2025-08-01"), D("2025-08-25"))],
       apps=[app("A1", "extension", "family", "approved", submitted=D("2026-09-15"), mailed=D("2026-09-17"),
                 tracking=tracking("2023-0044"), decided=D("2026-10-20"), filedBy="attorney",
                 checklist=checklist("extension", "family", "done", "2026-09-17", ctx=("family-supporter", "foreign-supporter", "foreign-documents"),
                                     overrides={"fee-receipts": ("waived", "fees paid online in e-ikamet")}))],
       poa=poa(D("2023-09-05"), "Karşıyaka 4. Noterliği", D("2028-09-05")),
       supporter={"name": "Karim Benali", "permitEnd": D("2027-04-30"), "citizen": False})

client("2022-0160", "Elena Popescu", "RO", D("1975-12-12"), "İstanbul", "MA",
       "Demo: long-term approved 12 Nov, exit document issued, card follow-up 3 Dec (soon); Entry-Exit Record POSITIVE.",
       chain("short-term", "2016-04-01", 24, "2026-11-23", "İstanbul")
       + [permit("long-term", D("2026-11-12"), None, "İstanbul")],
       "elena.popescu@example.ro", "Bebek Mah. Cevdet Paşa Cad. No: 97 D: 2, Beşiktaş", D("2032-05-30"),
       trips=[trip(D("2019-07-01"), D("2019-07-28")), trip(D("2022-12-20"), D("2023-01-08")),
              trip(D("2025-07-05"), D("2025-07-26"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed", D("2026-05-20"), D("2026-08-05"), "POSITIVE"),
       apps=[app("A1", "long-term", "long-term", "approved", submitted=D("2026-05-12"), delivery="appointment",
                 appointment="2026-06-02T09:30", decided=D("2026-11-12"), filedBy="attorney",
                 checklist=lt_checklist("done", "2026-08-18"),
                 steps={"online": D("2026-05-12"), "appointment": D("2026-06-02"),
                        "packageSubmitted": D("2026-08-18"), "reviewStarted": D("2026-08-25")},
                 exitDocument=D("2026-11-16"))],
       poa=poa(D("2026-05-04"), "Beşiktaş 11. Noterliği", D("2029-05-04")))

client("2025-0233", "გიორგი ბერიძე", "GE", D("1986-04-21"), "Ankara", "EK",
       "Demo: power of attorney expires Mon 30 Nov (critical); the office filed his first application.",
       [permit("short-term", D("2025-06-01"), D("2027-05-31"), "Ankara")],
       "giorgi.beridze@example.ge", "Çayyolu Mah. 2432. Cad. No: 15 D: 7, Çankaya", D("2031-02-11"),
       apps=[app("A1", "first", "short-term", "approved", submitted=D("2025-05-06"), delivery="appointment",
                 appointment="2025-05-20T11:00", decided=D("2025-05-30"), filedBy="attorney",
                 checklist=checklist("first", "short-term", "done", "2025-05-20",
                                     overrides={"sufficient-means": ("waived", "bank statement accepted at the appointment instead")}),
                 cardReceived=D("2025-06-19"))],
       poa=poa(D("2024-11-30"), "Ankara 41. Noterliği", D("2026-11-30")))

# ---------------------------------------------------------------- long-term candidates (S = today)

client("2025-0301", "Оксана Коваленко", "UA", D("1981-08-09"), "İstanbul", "MA",
       "Demo: yearly-absence exactly 180 days in one year (passes, borderline); Entry-Exit Record requested 27 Aug, follow-up 5 Dec (soon); package appointment 12 Jan.",
       chain("short-term", "2016-09-01", 24, "2026-11-23", "İstanbul"),
       "oksana.kovalenko@example.ua", "Ataköy 7-8-9-10. Kısım Mah. Çobançeşme Cad. No: 4 D: 41, Bakırköy", D("2032-01-19"),
       trips=[trip(D("2019-08-01"), D("2019-08-20")), trip_days("2024-02-01", 180),
              trip(D("2025-12-28"), D("2026-01-04"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "unknown", D("2026-08-27")),
       apps=[app("A1", "long-term", "long-term", "appointment-booked", submitted=D("2026-08-20"), delivery="appointment",
                 appointment="2027-01-12T09:30", filedBy="attorney",
                 checklist=lt_checklist("ready", "2026-11-16", overrides={"entry-exit-record": "missing",
                                                                       "criminal-record-home": "missing"}),
                 steps={"online": D("2026-08-20"), "appointment": D("2027-01-12")})],
       poa=poa(D("2026-08-14"), "Bakırköy 5. Noterliği", D("2029-08-14")))

client("2024-0005", "Thomas Wright", "GB", D("1958-02-27"), "Antalya", "EK",
       "Demo: single-absence exactly 6 months (abroad 23 Aug 2022 – re-entry 23 Feb 2023) passes, borderline; eligible now; Entry-Exit Record follow-up 29 Nov (critical).",
       chain("short-term", "2015-05-15", 24, "2026-11-23", "Antalya"),
       "tom.wright@example.co.uk", "Kemerağzı Mah. 1110 Sok. No: 3, Aksu", D("2030-10-01"),
       trips=[trip(D("2018-12-10"), D("2019-01-05")), trip(D("2022-08-23"), D("2023-02-23")),
              trip(D("2025-05-04"), D("2025-05-18"))],
       lt=long_term("confirmed", "confirmed", "unknown", "confirmed", D("2026-09-04")),
       apps=[app("A1", "long-term", "long-term", "submitted", submitted=D("2026-09-01"), delivery="appointment",
                 filedBy="attorney", checklist=lt_checklist("partial", "2026-11-02"),
                 steps={"online": D("2026-09-01")})],
       poa=poa(D("2026-08-25"), "Antalya 3. Noterliği", D("2027-08-25")))

client("2024-0006", "Ingrid Larsen", "NO", D("1962-09-30"), "Antalya", "EK",
       "Demo: single-absence fails by one day (abroad 23 Aug 2022 – re-entry 24 Feb 2023 = 6 months reached); permit time restarts after the absence.",
       chain("short-term", "2015-05-15", 24, "2026-11-23", "Antalya"),
       "ingrid.larsen@example.no", "Kemerağzı Mah. 1110 Sok. No: 3, Aksu", D("2031-04-12"),
       trips=[trip(D("2022-08-23"), D("2023-02-24")), trip(D("2025-05-04"), D("2025-05-18"))])

client("2021-0090", "علي حسن العبيدي", "IQ", D("1970-03-15"), "Ankara", "MA",
       "Demo: yearly-absence 181 days in one year fails (Entry-Exit Record NEGATIVE, long-term rejected); becomes eligible when the slice moves (2 Feb 2027).",
       chain("short-term", "2016-09-01", 24, "2026-11-23", "Ankara"),
       "ali.alobaidi@example.iq", "Ümitköy Mah. 8. Cad. No: 22 D: 3, Çankaya", D("2030-06-06"),
       trips=[trip(D("2019-08-01"), D("2019-08-20")), trip_days("2024-02-01", 181)],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed", D("2026-03-10"), D("2026-06-01"), "NEGATIVE"),
       apps=[app("A1", "long-term", "long-term", "rejected", submitted=D("2026-03-02"), delivery="appointment",
                 appointment="2026-03-24T10:00", decided=D("2026-07-15"), filedBy="attorney",
                 checklist=lt_checklist("done", "2026-06-10"),
                 steps={"online": D("2026-03-02"), "appointment": D("2026-03-24"),
                        "packageSubmitted": D("2026-06-10"), "reviewStarted": D("2026-06-15")})],
       poa=poa(D("2026-02-20"), "Ankara 8. Noterliği", D("2028-02-20")))

client("2023-0120", "Jan de Vries", "NL", D("1965-01-04"), "İzmir", "EK",
       "Demo: five-year-absence exactly 365 days (122 + 122 + 121) passes, borderline; eligible now.",
       chain("short-term", "2017-04-01", 24, "2026-11-23", "İzmir"),
       "jan.devries@example.nl", "Çeşmealtı Mah. 1001 Sok. No: 12, Urla", D("2033-03-03"),
       trips=[trip(D("2019-06-01"), D("2019-09-01")), trip_days("2022-04-01", 122), trip_days("2023-04-01", 122),
              trip_days("2024-04-01", 121)])

client("2023-0121", "Marco Rossi", "IT", D("1963-05-19"), "Muğla", "EK",
       "Demo: five-year-absence 366 days (3 × 122) fails by one day; each year and each trip passes.",
       chain("short-term", "2017-04-01", 24, "2026-11-23", "Muğla"),
       "marco.rossi@example.it", "Yalıkavak Mah. Çökertme Cad. No: 18, Bodrum", D("2034-05-05"),
       trips=[trip_days("2022-04-01", 122), trip_days("2023-04-01", 122), trip_days("2024-04-01", 122)])

# Student half credit: work permit from 2020-09-01 gives 2274 full days to 2026-11-22;
# 2922 are needed, so 1296 student days (648 credited) are the break-even.
W = D("2020-09-01")
client("2019-0033", "김민준", "KR", D("1994-12-01"), "Ankara", "MA",
       "Demo: permit-time with student half credit enough (2922.5 of 2922 days: 1297 student days count 648.5); eligible, borderline.",
       academic_chain(add_days(W, -1297), add_days(W, -1), "Ankara")
       + [permit("work-permit", W, D("2021-08-31"), "Ankara"), permit("work-permit", D("2021-09-01"), D("2023-08-31"), "Ankara"),
          permit("work-permit", D("2023-09-01"), D("2026-08-31"), "Ankara"),
          permit("work-permit", D("2026-09-01"), D("2029-08-31"), "Ankara")],
       "minjun.kim@example.kr", "Beytepe Mah. 5363. Sok. No: 2 D: 10, Çankaya", D("2034-07-25"),
       trips=[trip(D("2021-12-20"), D("2022-01-09")), trip(D("2024-07-15"), D("2024-08-02"))])

client("2019-0034", "سارا محمدی", "IR", D("1995-04-07"), "Ankara", "MA",
       "Demo: permit-time with student half credit just short (2921.5 of 2922 days: 1295 student days count 647.5); eligible tomorrow.",
       academic_chain(add_days(W, -1295), add_days(W, -1), "Ankara")
       + [permit("work-permit", W, D("2021-08-31"), "Ankara"), permit("work-permit", D("2021-09-01"), D("2023-08-31"), "Ankara"),
          permit("work-permit", D("2023-09-01"), D("2026-08-31"), "Ankara"),
          permit("work-permit", D("2026-09-01"), D("2029-08-31"), "Ankara")],
       "sara.mohammadi@example.ir", "Balgat Mah. 1420. Cad. No: 5 D: 6, Çankaya", D("2031-10-30"),
       trips=[trip(D("2023-03-18"), D("2023-04-02"))])

client("2017-0011", "عمر خليل", "SY", D("1984-10-10"), "Gaziantep", "EK",
       "Demo: humanitarian permit holder: permit-type fails (Art. 42(2)) although the time rules pass; never eligible while humanitarian.",
       chain("humanitarian", "2016-05-10", 12, "2026-11-23", "Gaziantep"),
       "omar.khalil@example.com", "İncilipınar Mah. 3 Nolu Cad. No: 14 D: 5, Şehitkamil", D("2028-09-01"),
       apps=[app("A1", "extension", "humanitarian", "approved", submitted=D("2026-04-20"), delivery="appointment",
                 appointment="2026-05-04T13:30", decided=D("2026-05-08"), filedBy="attorney",
                 checklist=checklist("extension", "humanitarian", "done", "2026-05-04",
                                     overrides={"fee-receipts": ("waived", "fee exemption granted by the directorate")}),
                 cardReceived=D("2026-05-27"))],
       poa=poa(D("2022-05-02"), "Gaziantep 6. Noterliği", D("2027-05-02")))

client("2020-0061", "Priya Sharma", "IN", D("1980-07-27"), "İstanbul", "MA",
       "Demo: exempt trip: 7 months abroad for medical treatment (health) is not counted; eligible now.",
       chain("short-term", "2016-02-15", 24, "2026-11-23", "İstanbul"),
       "priya.sharma@example.in", "Acıbadem Mah. Çeçen Sok. No: 25 D: 11, Üsküdar", D("2029-12-31"),
       trips=[trip(D("2018-08-05"), D("2018-08-25")), trip(D("2021-02-01"), D("2021-09-15"), "health"),
              trip(D("2024-12-22"), D("2025-01-05"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed"),
       apps=[app("A1", "long-term", "long-term", "draft", filedBy="attorney",
                 checklist=lt_checklist("partial", "2026-11-19", overrides={"entry-exit-record": "missing"}))],
       poa=poa(D("2026-10-30"), "Üsküdar 2. Noterliği", D("2028-10-30")))

client("2020-0072", "Sean Murphy", "IE", D("1969-11-30"), "Antalya", "EK",
       "Demo: open trip: abroad since 10 Sep 2026 with no re-entry; eligible now, but staying abroad until 10 Mar 2027 would fail single-absence.",
       chain("short-term", "2016-06-01", 24, "2026-11-23", "Antalya"),
       "sean.murphy@example.ie", "Mahmutlar Mah. Barbaros Cad. No: 88 D: 15, Alanya", D("2032-12-12"),
       trips=[trip(D("2021-07-01"), D("2021-07-30")), trip(D("2026-09-10"), None)])

client("2018-0140", "Natalia García", "ES", D("1987-02-16"), "İzmir", "MA",
       "Demo: eligible within 90 days (20 Dec 2026): permits since 20 Dec 2018, permit time 27 days short today.",
       chain("short-term", "2018-12-20", 24, "2026-11-23", "İzmir"),
       "natalia.garcia@example.es", "Göztepe Mah. Mithatpaşa Cad. No: 640 D: 7, Konak", D("2031-09-09"),
       trips=[trip(D("2020-01-02"), D("2020-01-15")), trip(D("2023-08-10"), D("2023-08-31"))])

client("2026-0042", "Anna Schmidt", "DE", D("1985-04-12"), "İstanbul", "EK",
       "Demo: eligible now (plain case); long-term application in preparation, checklist partly done.",
       chain("short-term", "2017-06-01", 24, "2026-11-23", "İstanbul"),
       "anna.schmidt@example.de", "Cihangir Mah. Akarsu Yokuşu No: 19 D: 3, Beyoğlu", D("2031-05-01"),
       trips=[trip(D("2019-07-01"), D("2019-07-20")), trip(D("2022-12-22"), D("2023-01-03")),
              trip(D("2025-08-04"), D("2025-08-24"))],
       lt=long_term("confirmed", "confirmed", "unknown", "confirmed"),
       apps=[app("A1", "long-term", "long-term", "draft", filedBy="attorney",
                 checklist=lt_checklist("partial", "2026-11-20", ctx=()))],
       poa=poa(D("2026-11-02"), "Beyoğlu 14. Noterliği", D("2027-11-02")))

client("2021-0017", "Hans Müller", "AT", D("1955-08-08"), "Antalya", "EK",
       "Demo: long-term permit holder since 2021: no extension or passport items.",
       chain("short-term", "2013-05-01", 24, "2021-06-14", "Antalya")
       + [permit("long-term", D("2021-06-15"), None, "Antalya")],
       "hans.mueller@example.at", "Oba Mah. Gazipaşa Cad. No: 34 D: 8, Alanya", D("2027-01-31"),
       trips=[trip(D("2023-07-01"), D("2023-08-15")), trip(D("2026-06-01"), D("2026-07-12"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed", D("2020-12-10"), D("2021-02-25"), "POSITIVE"),
       apps=[app("A1", "long-term", "long-term", "approved", submitted=D("2020-12-01"), delivery="appointment",
                 appointment="2020-12-22T10:00", decided=D("2021-06-15"), filedBy="attorney",
                 checklist=lt_checklist("done", "2021-03-04"),
                 steps={"online": D("2020-12-01"), "appointment": D("2020-12-22"),
                        "packageSubmitted": D("2021-03-04"), "reviewStarted": D("2021-03-15")},
                 cardReceived=D("2021-07-09"))])

# ---------------------------------------------------------------- pending extensions, renewals

client("2024-0210", "أحمد منصور", "EG", D("1979-05-25"), "İstanbul", "MA",
       "Demo: permit ended 5 Nov but the extension is pending (documents mailed): no late-application or out-of-status alarm.",
       [permit("short-term", D("2024-11-06"), D("2026-11-05"), "İstanbul")],
       "ahmed.mansour@example.eg", "Fatih Mah. Fevzi Paşa Cad. No: 77 D: 4, Fatih", D("2030-02-28"),
       apps=[app("A1", "extension", "short-term", "documents-mailed", submitted=D("2026-10-21"), mailed=D("2026-10-26"),
                 tracking=tracking("2024-0210"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2026-10-26"))],
       poa=poa(D("2024-10-15"), "Fatih 5. Noterliği", D("2027-10-15")))

client("2022-0305", "Бакыт Усенов", "KG", D("1992-03-03"), "Ankara", "MA",
       "Demo: permit ended 31 Aug; extension in review since September suppresses the out-of-status alarm.",
       [permit("short-term", D("2024-09-01"), D("2026-08-31"), "Ankara")],
       "bakyt.usenov@example.kg", "Keçiören Mah. Kızlarpınarı Cad. No: 45 D: 9, Keçiören", D("2031-03-15"),
       apps=[app("A1", "extension", "short-term", "in-review", submitted=D("2026-08-10"), mailed=D("2026-08-13"),
                 tracking=tracking("2022-0305"), filedBy="client",
                 checklist=checklist("extension", "short-term", "done", "2026-08-13",
                                     overrides={"purpose-document": ("waived", "same employer invitation as last year, accepted by the directorate")}))])

client("2023-0266", "陈静", "CN", D("1993-01-21"), "İzmir", "EK",
       "Demo: renewed permit: the 2027–2028 permit is already recorded, so the current permit (ends 31 Dec) shows no extension items.",
       [permit("short-term", D("2025-01-01"), D("2026-12-31"), "İzmir"),
        permit("short-term", D("2027-01-01"), D("2028-12-31"), "İzmir")],
       "chen.jing@example.cn", "Bayraklı Mah. Manas Blv. No: 39 D: 22, Bayraklı", D("2033-11-01"),
       apps=[app("A1", "extension", "short-term", "approved", submitted=D("2026-11-02"), mailed=D("2026-11-04"),
                 tracking=tracking("2023-0266"), decided=D("2026-11-09"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2026-11-04"), cardReceived=D("2026-11-20"))],
       poa=poa(D("2025-10-20"), "Bayraklı 1. Noterliği", D("2028-10-20")))

client("2025-0198", "عبدالله رحیمی", "AF", D("1990-12-24"), "Konya", "MA",
       "Demo: humanitarian extension, documents taken at an appointment (Konya does not take post): appointment 3 Dec (soon).",
       [permit("humanitarian", D("2024-12-01"), D("2025-11-30"), "Konya"),
        permit("humanitarian", D("2025-12-01"), D("2026-11-30"), "Konya")],
       "abdullah.rahimi@example.com", "Meram Yeni Yol Cad. No: 102 D: 3, Meram", D("2029-07-19"),
       apps=[app("A1", "extension", "humanitarian", "appointment-booked", submitted=D("2026-11-16"), delivery="appointment",
                 appointment="2026-12-03T14:00", filedBy="attorney",
                 checklist=checklist("extension", "humanitarian", "ready", "2026-11-20",
                                     overrides={"photos": "missing"}))],
       poa=poa(D("2025-11-10"), "Konya 10. Noterliği", D("2027-11-10")))

client("2026-0071", "Gulnora Karimova", "UZ", D("1998-06-30"), "İstanbul", "EK",
       "Demo: trafficking-victim permit (30 days, then 6 months); extension deadline 14 Jan 2027; fee waived.",
       [permit("trafficking-victim", D("2026-06-15"), D("2026-07-14"), "İstanbul"),
        permit("trafficking-victim", D("2026-07-15"), D("2027-01-14"), "İstanbul")],
       "g.karimova@example.org", "c/o support shelter, Beyoğlu (address withheld)", D("2030-05-05"),
       apps=[app("A1", "extension", "trafficking-victim", "draft", filedBy="attorney",
                 checklist=checklist("extension", "trafficking-victim", "partial", "2026-11-18",
                                     overrides={"fee-receipts": ("waived", "victim support programme: fees not charged"),
                                                "sufficient-means": ("waived", "not required for this permit type per the directorate")}))],
       poa=poa(D("2026-07-20"), "Beyoğlu 6. Noterliği", D("2027-07-20")))

client("2024-0260", "Leyla Əliyeva", "AZ", D("2014-05-03"), "Bursa", "MA",
       "Demo: minor on a family permit: extension deadline 9 Dec (soon); parental consent certified, supporter's documents; filed by a legal representative; her father and supporter is 2024-0259 (household).",
       [permit("family", D("2024-12-10"), D("2026-12-09"), "Bursa")],
       "rashad.aliyev@example.az", "Nilüfer Mah. Fatih Sultan Mehmet Blv. No: 18 D: 5, Nilüfer", D("2029-05-02"),
       apps=[app("A1", "extension", "family", "draft", filedBy="legal-representative",
                 checklist=checklist("extension", "family", "ready", "2026-11-20",
                                     ctx=("minor", "family-supporter", "foreign-supporter", "foreign-documents"),
                                     overrides={"supporter-income": "missing", "health-insurance": "missing"}))],
       supporter={"client": "2024-0259"})

client("2024-0259", "Rəşad Əliyev", "AZ", D("1982-09-14"), "Bursa", "MA",
       "Demo: work permit holder (the supporter of 2024-0260): extension window opens 30 Dec (upcoming).",
       [permit("work-permit", D("2024-03-01"), D("2027-02-28"), "Bursa")],
       "rashad.aliyev@example.az", "Nilüfer Mah. Fatih Sultan Mehmet Blv. No: 18 D: 5, Nilüfer", D("2032-09-13"))

client("2025-0377", "Amina Yusuf", "NG", D("2002-02-11"), "Ankara", "EK",
       "Demo: student extension filed through the university (intermediary); documents mailed, pending.",
       academic_chain("2023-09-20", "2026-12-20", "Ankara"),
       "amina.yusuf@example.ng", "ODTÜ Kampüsü, 19. Yurt, Oda 214, Çankaya", D("2030-08-08"),
       trips=[trip(D("2025-06-20"), D("2025-08-30"))],
       apps=[app("A1", "extension", "student", "documents-mailed", submitted=D("2026-11-18"), mailed=D("2026-11-20"),
                 tracking=tracking("2025-0377"), filedBy="intermediary",
                 checklist=checklist("extension", "student", "done", "2026-11-20",
                                     overrides={"proof-of-address": ("waived", "university dormitory letter covers the address")}))])

client("2024-0301", "محمد رضایی", "IR", D("2000-10-01"), "Eskişehir", "MA",
       "Demo: student (a withdrawn transfer application to short-term in the history); window opens Aug 2027.",
       academic_chain("2022-09-15", "2026-08-31", "Eskişehir") + [permit("student", D("2026-09-01"), D("2027-09-30"), "Eskişehir")],
       "m.rezaei@example.ir", "Hoşnudiye Mah. Ziya Gökalp Cad. No: 21 D: 2, Tepebaşı", D("2031-01-20"),
       apps=[app("A1", "transfer", "short-term", "withdrawn", submitted=D("2026-06-03"), delivery="appointment",
                 appointment="2026-06-24T15:00", filedBy="client",
                 checklist=checklist("transfer", "short-term", "partial", "2026-06-10"))])

client("2025-0099", "Rajesh Kumar", "IN", D("1984-04-04"), "İstanbul", "EK",
       "Demo: work permit, extended with the Ministry of Labour: same 60-day window, last day 14 Jan 2027 (upcoming).",
       [permit("work-permit", D("2025-01-15"), D("2027-01-14"), "İstanbul")],
       "rajesh.kumar@example.in", "Ataşehir Mah. Atatürk Cad. Ataşehir Rezidans No: 2 D: 88, Ataşehir", D("2033-04-03"),
       trips=[trip(D("2025-10-10"), D("2025-10-24"))])

client("2025-0140", "Carlos Silva", "BR", D("1990-06-06"), "İzmir", "MA",
       "Demo: work permit ends 1 Dec: last day to extend in 8 days (soon).",
       [permit("work-permit", D("2025-06-02"), D("2026-12-01"), "İzmir")],
       "carlos.silva@example.br", "Mavişehir Mah. Caher Dudayev Blv. No: 60 D: 16, Karşıyaka", D("2030-12-31"))

client("2022-0410", "Tomasz Nowak", "PL", D("1977-01-17"), "Kocaeli", "EK",
       "Demo: a rejected short-term extension in the history, now on a work permit; reservist training abroad exempt (public service); window opens June 2027.",
       [permit("short-term", D("2022-08-01"), D("2024-07-31"), "Kocaeli"),
        permit("work-permit", D("2024-08-01"), D("2027-07-31"), "Kocaeli")],
       "tomasz.nowak@example.pl", "Yenişehir Mah. Ömer Türkçakal Blv. No: 9 D: 4, İzmit", D("2032-02-02"),
       trips=[trip(D("2025-09-01"), D("2025-09-29"), "public-service")],
       apps=[app("A1", "extension", "short-term", "rejected", submitted=D("2024-06-10"), mailed=D("2024-06-13"),
                 tracking=tracking("2022-0410"), decided=D("2024-07-22"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2024-06-13"))],
       poa=poa(D("2022-07-15"), "İzmit 2. Noterliği", D("2027-07-15")))

client("2024-0155", "Айгерим Сейткали", "KZ", D("1993-11-08"), "Antalya", "MA",
       "Demo: family permit (spouse of a Turkish citizen), first application approved; window opens May 2027.",
       [permit("family", D("2024-07-01"), D("2027-06-30"), "Antalya")],
       "aigerim.seitkali@example.kz", "Lara Mah. Tekelioğlu Cad. No: 55 D: 10, Muratpaşa", D("2033-08-01"),
       apps=[app("A1", "first", "family", "approved", submitted=D("2024-06-03"), delivery="appointment",
                 appointment="2024-06-12T11:30", decided=D("2024-06-28"), filedBy="attorney",
                 checklist=checklist("first", "family", "done", "2024-06-12", ctx=("family-supporter", "foreign-documents")),
                 cardReceived=D("2024-07-18"))],
       poa=poa(D("2024-05-27"), "Antalya 1. Noterliği", D("2029-05-27")),
       supporter={"name": "Emre Yıldız", "permitEnd": None, "citizen": True})

client("2026-0150", "خالد العتيبي", "SA", D("1971-07-07"), "Trabzon", "EK",
       "Demo: property owner's short-term extension, documents taken at an appointment 17 Dec (soon).",
       [permit("short-term", D("2025-01-06"), D("2027-01-05"), "Trabzon")],
       "khalid.alotaibi@example.sa", "Uzungöl Mah. Göl Cad. No: 4, Çaykara", D("2031-06-30"),
       trips=[trip(D("2026-01-15"), D("2026-05-10"))],
       apps=[app("A1", "extension", "short-term", "appointment-booked", submitted=D("2026-11-19"), delivery="appointment",
                 appointment="2026-12-17T11:00", filedBy="attorney",
                 checklist=checklist("extension", "short-term", "ready", "2026-11-19",
                                     overrides={"purpose-document": ("received", "title deed (tapu), Uzungöl")}))],
       poa=poa(D("2025-01-02"), "Trabzon 3. Noterliği", D("2028-01-02")))

client("2026-0160", "Zahra Hosseini / زهرا حسینی", "IR", D("1996-03-21"), "İstanbul", "MA",
       "Demo: first family application in review after the appointment; supporter's documents submitted.",
       [],
       "zahra.hosseini@example.ir", "Bağdat Cad. No: 301 D: 6, Kadıköy", D("2032-03-20"),
       apps=[app("A1", "first", "family", "in-review", submitted=D("2026-09-28"), delivery="appointment",
                 appointment="2026-10-15T09:45", filedBy="attorney",
                 checklist=checklist("first", "family", "done", "2026-10-15", ctx=("family-supporter", "foreign-supporter", "foreign-documents")))],
       poa=poa(D("2026-09-20"), "Kadıköy 3. Noterliği", D("2029-09-20")))

client("2026-0171", "Анастасия Волкова", "RU", D("1988-12-05"), "Antalya", "MA",
       "Demo: new client on visa-free stay, first short-term application: appointment 8 Dec (soon); no permit yet, no foreigner id yet.",
       [],
       "a.volkova@example.ru", "Kemer Merkez Mah. Deniz Sok. No: 11 D: 3, Kemer", D("2035-02-10"),
       ykn=False,
       apps=[app("A1", "first", "short-term", "appointment-booked", submitted=D("2026-11-16"), delivery="appointment",
                 appointment="2026-12-08T13:00", filedBy="client",
                 checklist=checklist("first", "short-term", "partial", "2026-11-17",
                                     overrides={"purpose-document": ("received", "title deed (tapu) of the Kemer flat")}))])

client("2025-0290", "Oliver Bennett", "GB", D("1960-10-10"), "Aydın", "EK",
       "Demo: retiree on a short-term permit; foreigner id fails the checksum (a warning only, docs/rules.md §10).",
       [permit("short-term", D("2025-05-01"), D("2027-04-30"), "Aydın")],
       "oliver.bennett@example.co.uk", "Kadınlar Denizi Mah. Kuşadası Cad. No: 88 D: 2, Kuşadası", D("2035-01-01"),
       ykn_valid=False,
       trips=[trip(D("2026-02-01"), D("2026-03-15"))])

client("2025-0305", "Merdan Orazow", "TM", D("1997-01-25"), "Mersin", "MA",
       "Demo: student, then work permit: extension window opens Feb 2027; the student years count half; an exchange semester abroad is exempt (education).",
       academic_chain("2019-09-10", "2025-08-31", "Mersin")
       + [permit("work-permit", D("2025-09-01"), D("2027-04-15"), "Mersin")],
       "merdan.orazow@example.tm", "Pozcu Mah. Gazi Mustafa Kemal Blv. No: 410 D: 12, Yenişehir", D("2029-11-30"),
       trips=[trip(D("2022-02-01"), D("2022-06-30"), "education")])

client("2023-0330", "Olena Shevchenko / Олена Шевченко", "UA", D("1985-06-16"), "İzmir", "EK",
       "Demo: short-term permit, extension submitted in October and documents mailed on time: nothing due.",
       [permit("short-term", D("2024-12-20"), D("2026-12-19"), "İzmir")],
       "olena.shevchenko@example.ua", "Gümüşpala Mah. 6010 Sok. No: 3 D: 1, Bayraklı", D("2031-12-01"),
       apps=[app("A1", "extension", "short-term", "documents-mailed", submitted=D("2026-10-26"), mailed=D("2026-11-02"),
                 tracking=tracking("2023-0330"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2026-11-02"))],
       poa=poa(D("2024-12-01"), "Bayraklı 2. Noterliği", D("2026-12-31")))

client("2024-0402", "Emma Wilson", "AU", D("1999-08-30"), "Muğla", "EK",
       "Demo: short-term permit with the foreigner id checksum mismatch (warning) and a 4-month trip; permit time short.",
       [permit("short-term", D("2024-05-01"), D("2026-04-30"), "Muğla"),
        permit("short-term", D("2026-05-01"), D("2028-04-30"), "Muğla")],
       "emma.wilson@example.com.au", "Hisarönü Mah. 12. Sok. No: 7, Fethiye", D("2034-04-01"),
       ykn_valid=False,
       trips=[trip(D("2025-01-05"), D("2025-05-02"))],
       apps=[app("A1", "extension", "short-term", "approved", submitted=D("2026-03-20"), mailed=D("2026-03-25"),
                 tracking=tracking("2024-0402"), decided=D("2026-04-22"), filedBy="client",
                 checklist=checklist("extension", "short-term", "done", "2026-03-25"), cardReceived=D("2026-05-14"))])

client("2021-0200", "Hamid Sultani / حمید سلطانی", "AF", D("1986-02-02"), "Ankara", "MA",
       "Demo: humanitarian permit renewed yearly; extension window opens 4 Jan 2027; long-term not possible.",
       chain("humanitarian", "2021-03-06", 12, "2026-11-23", "Ankara"),
       "hamid.sultani@example.com", "Altındağ Mah. Hacıbayram Cad. No: 6 D: 1, Altındağ", D("2028-02-01"))

client("2026-0180", "Bui Thi Lan / Bùi Thị Lan", "VN", D("2001-04-30"), "İstanbul", "EK",
       "Demo: work permit approved 18 Nov, card follow-up 9 Dec (soon).",
       [permit("short-term", D("2026-02-01"), D("2027-01-31"), "İstanbul"),
        permit("work-permit", D("2026-11-18"), D("2027-11-17"), "İstanbul")],
       "bui.lan@example.vn", "Zeytinburnu Mah. 58. Bulvar No: 1 D: 30, Zeytinburnu", D("2035-05-05"),
       apps=[app("A1", "transfer", "work-permit", "approved", submitted=D("2026-10-05"), delivery="appointment",
                 decided=D("2026-11-18"), filedBy="intermediary",
                 checklist=checklist("transfer", "work-permit", "done", "2026-10-05",
                                     custom=[entry("employment-contract", "submitted", "PL", D("2026-10-05"),
                                                   "signed contract, sent by the employer to the Ministry")]))])

client("2019-0150", "Ahmet Karimov / Аҳмад Каримов", "UZ", D("1978-08-18"), "İstanbul", "MA",
       "Demo: long-term applicant whose package is with the commission (in review); Entry-Exit Record received POSITIVE; eligible.",
       chain("short-term", "2016-01-20", 24, "2026-11-23", "İstanbul"),
       "akarimov@example.uz", "Zeytinburnu Mah. 10. Sok. No: 14 D: 2, Zeytinburnu", D("2030-03-03"),
       trips=[trip(D("2020-06-01"), D("2020-07-01")), trip(D("2024-03-15"), D("2024-04-20"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed", D("2026-03-18"), D("2026-05-28"), "POSITIVE"),
       apps=[app("A1", "long-term", "long-term", "in-review", submitted=D("2026-03-09"), delivery="appointment",
                 appointment="2026-04-07T10:00", filedBy="attorney",
                 checklist=lt_checklist("done", "2026-06-09",
                                        overrides={"no-social-assistance": ("waived", "directorate checks the social assistance register itself")}),
                 steps={"online": D("2026-03-09"), "appointment": D("2026-04-07"),
                        "packageSubmitted": D("2026-06-09"), "reviewStarted": D("2026-06-22")})],
       poa=poa(D("2026-03-02"), "Zeytinburnu 1. Noterliği", D("2028-03-02")))

client("2020-0300", "Pooja Mehta", "IN", D("1993-09-09"), "İstanbul", "EK",
       "Demo: Entry-Exit Record requested 10 Nov, first follow-up 10 Dec (soon); long-term application just filed.",
       chain("short-term", "2017-09-01", 24, "2026-11-23", "İstanbul"),
       "pooja.mehta@example.in", "Maslak Mah. Eski Büyükdere Cad. No: 1 D: 45, Sarıyer", D("2033-07-07"),
       trips=[trip(D("2018-12-20"), D("2019-01-10")), trip(D("2023-10-01"), D("2023-10-14"))],
       lt=long_term("confirmed", "unknown", "confirmed", "confirmed", D("2026-11-10")),
       apps=[app("A1", "long-term", "long-term", "submitted", submitted=D("2026-11-05"), delivery="appointment",
                 filedBy="attorney", checklist=lt_checklist("ready", "2026-11-10",
                                                            overrides={"entry-exit-record": "missing",
                                                                       "proof-of-income": "missing"}),
                 steps={"online": D("2026-11-05")})],
       poa=poa(D("2026-10-28"), "Sarıyer 2. Noterliği", D("2027-10-28")))

client("2022-0020", "Youssef Al-Masri / يوسف المصري", "JO", D("1980-01-01"), "İstanbul", "MA",
       "Demo: passport expires 30 Dec 2026 with the permit ending 31 Mar 2027: passport-validity overdue; extension window opens 30 Jan.",
       [permit("short-term", D("2025-04-01"), D("2027-03-31"), "İstanbul")],
       "youssef.masri@example.jo", "Başakşehir Mah. Olimpiyat Blv. No: 5 D: 19, Başakşehir", D("2026-12-30"))

client("2025-0500", "Ravi Patel", "GB", D("1975-05-05"), "İstanbul", "EK",
       "Demo: short-term extension submitted today (mailing deadline Mon 30 Nov, critical); checklist all received.",
       [permit("short-term", D("2025-01-20"), D("2027-01-19"), "İstanbul")],
       "ravi.patel@example.co.uk", "Nişantaşı Mah. Abdi İpekçi Cad. No: 40 D: 5, Şişli", D("2034-02-02"),
       apps=[app("A1", "extension", "short-term", "submitted", submitted=D("2026-11-23"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "ready", "2026-11-23"))],
       poa=poa(D("2025-01-10"), "Şişli 2. Noterliği", D("2030-01-10")))


# ---------------------------------------------------------------- rulebook revision 2 (RULES.md r2, docs/decisions 0012 ff.)
# One client per new situation of revision 2; each note says what it demonstrates on 2026-11-23.

client("2026-0201", "Amela Hodžić", "BA", D("1984-03-12"), "İstanbul", "MA",
       "Demo: permit ended 30 Sep, extension submitted 15 Sep is in review (documents delivered at the appointment 7 Oct; the extra documents asked for on 20 Oct were handed in on 27 Oct, so no complete-documents item): no late-application alarm; ask for the decision 14 Dec (soon). Long-term: the days from 1 Oct count as permit days (covered), so yearly-absence passes (136 of 180 days; 189 without them) and today is a permit day; eligible now.",
       [permit("short-term", D("2017-10-01"), D("2018-09-30"), "İstanbul")]
       + chain("short-term", "2018-10-01", 24, "2026-09-30", "İstanbul"),
       "amela.hodzic@example.ba", "Feneryolu Mah. Bağdat Cad. No: 210 D: 9, Kadıköy", D("2032-05-17"),
       trips=[trip(D("2021-07-10"), D("2021-08-01")), trip(D("2025-12-20"), D("2026-01-05")), trip_days("2026-05-04", 120)],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed"),
       apps=[app("A1", "extension", "short-term", "in-review", submitted=D("2026-09-15"), delivery="appointment",
                 appointment="2026-10-07T10:00", filedBy="attorney",
                 documentsRequested=D("2026-10-20"), documentsCompleted=D("2026-10-27"),
                 checklist=checklist("extension", "short-term", "done", "2026-10-07",
                                     overrides={"purpose-document": ("submitted", "notarized lease, 2 years")}))],
       poa=poa(D("2024-09-02"), "Kadıköy 8. Noterliği", D("2028-09-02")))

client("2026-0202", "Светлана Георгиева / Svetlana Georgieva", "BG", D("1979-08-25"), "Bursa", "EK",
       "Demo: extension submitted Mon 19 Oct for posting, never mailed (deadline Mon 26 Oct): lapsed from 27 Oct, no longer pending; the permit ended 19 Nov, so the late-application deadline 29 Nov (critical) is back; the mailing item stays overdue.",
       [permit("short-term", D("2024-11-20"), D("2025-11-19"), "Bursa"),
        permit("short-term", D("2025-11-20"), D("2026-11-19"), "Bursa")],
       "svetlana.georgieva@example.bg", "Çekirge Mah. Çekirge Cad. No: 77 D: 6, Osmangazi", D("2031-04-09"),
       trips=[trip(D("2026-07-01"), D("2026-07-20"))],
       apps=[app("A1", "extension", "short-term", "submitted", submitted=D("2026-10-19"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "ready", "2026-10-21",
                                     overrides={"health-insurance": "missing", "fee-receipts": "missing"}))],
       poa=poa(D("2024-10-28"), "Osmangazi 4. Noterliği", D("2027-10-28")))

client("2026-0203", "Imran Qureshi / عمران قریشی", "PK", D("1987-11-30"), "Eskişehir", "MA",
       "Demo: timely extension (submitted 12 Oct, permit ended 13 Nov) rejected 18 Nov: lawful until the decision; leave Turkey or file anew by 28 Nov (critical), instead of the late-application deadline 23 Nov.",
       [permit("short-term", D("2024-11-14"), D("2025-11-13"), "Eskişehir"),
        permit("short-term", D("2025-11-14"), D("2026-11-13"), "Eskişehir")],
       "imran.qureshi@example.pk", "Vişnelik Mah. Atatürk Blv. No: 54 D: 7, Odunpazarı", D("2030-09-21"),
       apps=[app("A1", "extension", "short-term", "rejected", submitted=D("2026-10-12"), delivery="appointment",
                 appointment="2026-10-22T10:30", decided=D("2026-11-18"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "done", "2026-10-22",
                                     overrides={"sufficient-means": ("submitted", "bank statement; the directorate found it insufficient")}))],
       poa=poa(D("2025-10-30"), "Eskişehir 5. Noterliği", D("2027-10-30")))

client("2026-0204", "Erik Lindqvist", "SE", D("1983-06-19"), "Antalya", "EK",
       "Demo: transfer short-term → family (married a Turkish citizen), appointment 10 Dec (soon): the pending transfer stands in for the extension, so neither the window (17 Dec) nor the extension deadline (15 Feb) is listed.",
       [permit("short-term", D("2025-02-16"), D("2027-02-15"), "Antalya")],
       "erik.lindqvist@example.se", "Güzeloba Mah. Lara Cad. No: 340 D: 4, Muratpaşa", D("2033-01-08"),
       trips=[trip(D("2025-12-21"), D("2026-01-04"))],
       apps=[app("A1", "transfer", "family", "appointment-booked", submitted=D("2026-11-09"), delivery="appointment",
                 appointment="2026-12-10T10:00", filedBy="attorney",
                 checklist=checklist("transfer", "family", "partial", "2026-11-20", ctx=("family-supporter", "foreign-documents"),
                                     overrides={"supporter-id": ("received", "spouse's Turkish identity card (nüfus cüzdanı)")}))],
       poa=poa(D("2026-11-02"), "Antalya 7. Noterliği", D("2028-11-02")))

client("2026-0205", "Valentina Restrepo", "CO", D("1996-01-27"), "İzmir", "MA",
       "Demo: first short-term application in review; the directorate asked for more documents on 3 Nov: complete them by 3 Dec (soon); ask for the decision 3 Jan.",
       [],
       "valentina.restrepo@example.co", "Güzelyalı Mah. Mithatpaşa Cad. No: 812 D: 3, Konak", D("2034-08-15"),
       apps=[app("A1", "first", "short-term", "in-review", submitted=D("2026-10-05"), delivery="appointment",
                 appointment="2026-10-20T14:30", filedBy="attorney", documentsRequested=D("2026-11-03"),
                 checklist=checklist("first", "short-term", "done", "2026-10-20", ctx=("foreign-documents",),
                                     custom=[entry("bank-statements", "missing", None, None,
                                                   "asked by the directorate on 3 Nov: last 3 months, stamped by the bank")]))],
       poa=poa(D("2026-09-28"), "İzmir 3. Noterliği", D("2028-09-28")))

client("2026-0206", "Рустам Назаров / Rustam Nazarov", "TJ", D("1981-04-04"), "Ankara", "EK",
       "Demo: Entry-Exit Record received 10 Sep reading NEGATIVE while the long-term application is pending: an overdue item (decide with the client whether to withdraw before the appointment 15 Dec); the time rules pass, the verdict is not-eligible.",
       chain("short-term", "2017-04-01", 24, "2026-11-23", "Ankara"),
       "rustam.nazarov@example.tj", "Emek Mah. 8. Cad. No: 61 D: 12, Çankaya", D("2031-11-20"),
       trips=[trip(D("2019-06-10"), D("2019-07-05")), trip(D("2023-12-20"), D("2024-01-15"))],
       lt=long_term("confirmed", "confirmed", "confirmed", "confirmed", D("2026-06-15"), D("2026-09-10"), "NEGATIVE"),
       apps=[app("A1", "long-term", "long-term", "appointment-booked", submitted=D("2026-06-08"), delivery="appointment",
                 appointment="2026-12-15T10:00", filedBy="attorney",
                 checklist=lt_checklist("partial", "2026-09-14",
                                        overrides={"entry-exit-record": ("received", "result NEGATIVE")}),
                 steps={"online": D("2026-06-08"), "appointment": D("2026-12-15")})],
       poa=poa(D("2026-06-01"), "Ankara 12. Noterliği", D("2028-06-01")))

client("2026-0207", "Michelle Tremblay", "CA", D("1972-09-03"), "Muğla", "EK",
       "Demo: closed file (left Turkey 5 Nov, closed 6 Nov): nothing is listed, though the permit ends 10 Dec and the office filed under a power of attorney.",
       [permit("short-term", D("2024-12-11"), D("2026-12-10"), "Muğla")],
       "michelle.tremblay@example.ca", "Armutalan Mah. 112. Sok. No: 8 D: 2, Marmaris", D("2029-03-14"),
       trips=[trip(D("2025-06-01"), D("2025-06-21")), trip(D("2026-11-05"), None)],
       apps=[app("A1", "first", "short-term", "approved", submitted=D("2024-11-18"), delivery="appointment",
                 appointment="2024-11-28T09:30", decided=D("2024-12-10"), filedBy="attorney",
                 checklist=checklist("first", "short-term", "done", "2024-11-28"), cardReceived=D("2025-01-06"))],
       poa=poa(D("2024-11-12"), "Marmaris 1. Noterliği", D("2027-11-12")),
       closed=closing(D("2026-11-06"), "left-turkey", "Returned to Canada for good on 5 Nov 2026; will not extend the permit."))

client("2026-0208", "Андрей Ковалёв / Andrei Kovalev", "BY", D("1990-12-02"), "Mersin", "MA",
       "Demo: extension to be filed Thu 31 Dec 2026 (planned date entered as submitted; validation warns it is in the future): 1 Jan is a holiday, so the mailing deadline is Fri 8 Jan 2027, counted with the 2027 holiday table.",
       [permit("short-term", D("2025-02-11"), D("2027-02-10"), "Mersin")],
       "andrei.kovalev@example.by", "Çiftlikköy Mah. 34. Cad. No: 19 D: 5, Yenişehir", D("2033-10-30"),
       apps=[app("A1", "extension", "short-term", "submitted", submitted=D("2026-12-31"), filedBy="attorney",
                 checklist=checklist("extension", "short-term", "partial", "2026-11-20"))],
       poa=poa(D("2025-01-27"), "Mersin 6. Noterliği", D("2028-01-27")))

_c = client("2026-0209", "Milica Jovanović / Милица Јовановић", "RS", D("1990-02-14"), "İzmir", "EK",
       "Demo: every identity field e-ikamet asks again is recorded (father's and mother's name, birth place, sex, marital status); extension A1 submitted 9 Nov, documents mailed 12 Nov; the passport was renewed on 18 Nov, so passport number and expiry differ from A1's submission snapshot (to re-check), the permit fields match.",
       [permit("short-term", D("2023-12-16"), D("2024-12-15"), "İzmir"),
        permit("short-term", D("2024-12-16"), D("2026-12-15"), "İzmir")],
       "milica.jovanovic@example.rs", "Alsancak Mah. 1453 Sok. No: 22 D: 7, Konak", D("2036-11-17"),
       trips=[trip(D("2025-08-02"), D("2025-08-23"))],
       apps=[app("A1", "extension", "short-term", "documents-mailed", submitted=D("2026-11-09"), mailed=D("2026-11-12"),
                 tracking=tracking("2026-0209"), filedBy="client",
                 checklist=checklist("extension", "short-term", "done", "2026-11-12"))],
       fatherName="Dragan", motherName="Snežana", birthPlace="Novi Sad", sex="female", maritalStatus="married")
_c["applications"][0]["snapshot"] = snapshot_of(_c, 1, passportNumber="01148293", passportExpires=D("2027-03-04"))

client("2026-0210", "Maricel Dela Cruz", "PH", D("1989-07-21"), "İstanbul", "MA",
       "Demo: eight years of short-term permits, then victim-of-trafficking permits since April 2024: the time rules pass but permit-type fails (Art. 42(2), r2): not eligible, no earliest date; window opens 30 Jan (the 3-year total ends 31 Mar 2027).",
       chain("short-term", "2016-04-01", 24, "2024-03-31", "İstanbul")
       + [permit("trafficking-victim", D("2024-04-01"), D("2024-04-30"), "İstanbul")]
       + chain("trafficking-victim", "2024-05-01", 6, "2026-10-31", "İstanbul")
       + [permit("trafficking-victim", D("2026-11-01"), D("2027-03-31"), "İstanbul")],
       "maricel.delacruz@example.ph", "c/o victim support programme, Şişli (address withheld)", D("2031-02-28"),
       trips=[trip(D("2019-12-15"), D("2020-01-10"))],
       apps=[app("A1", "extension", "trafficking-victim", "approved", submitted=D("2026-10-05"), delivery="appointment",
                 appointment="2026-10-14T11:00", decided=D("2026-10-28"), filedBy="attorney",
                 checklist=checklist("extension", "trafficking-victim", "done", "2026-10-14",
                                     overrides={"fee-receipts": ("waived", "victim support programme: fees not charged")}),
                 cardReceived=D("2026-11-12"))],
       poa=poa(D("2024-04-10"), "Şişli 11. Noterliği", D("2027-10-10")))

client("2026-0211", "Alejandro Hernández", "MX", D("1985-10-09"), "Aydın", "EK",
       "Demo: draft extension asking for two years (to 20 Jan 2029), but the passport (expires 30 Jun 2028) allows at most 1 May 2028: a validation warning; no passport-validity item, the passport outlasts the current permit by more than 60 days.",
       [permit("short-term", D("2025-01-21"), D("2027-01-20"), "Aydın")],
       "alejandro.hernandez@example.mx", "Cumhuriyet Mah. Denizli Blv. No: 27 D: 8, Efeler", D("2028-06-30"),
       trips=[trip(D("2026-03-28"), D("2026-04-12"))],
       apps=[app("A1", "extension", "short-term", "draft", filedBy="attorney", requestedEnd=D("2029-01-20"),
                 checklist=checklist("extension", "short-term", "partial", "2026-11-20"))],
       poa=poa(D("2025-01-10"), "Aydın 2. Noterliği", D("2028-01-10")))


# ================================================================ sanity checks and output

# Applications whose `submitted` date is a planned filing date after TODAY (validation warns, on purpose).
PLANNED_FILINGS = {("2026-0208", "A1")}


def check(c):
    cid = c["id"]
    for p in c["permits"]:
        assert p["end"] is None or p["start"] <= p["end"], (cid, p)
        assert (p["end"] is None) == (p["type"] == "long-term"), (cid, p)
    trips = sorted(c["trips"], key=lambda t: t["exit"])
    for a, b in zip(trips, trips[1:]):
        assert a["entry"] is not None and a["entry"] <= b["exit"], (cid, a, b)
    for t in trips:
        assert t["entry"] is None or t["exit"] <= t["entry"], (cid, t)
    ids = [a["id"] for a in c["applications"]]
    assert len(ids) == len(set(ids)), cid
    for a in c["applications"]:
        s = a["submitted"]
        for k in ("mailed", "decided"):
            assert a[k] is None or (s is not None and s <= a[k]), (cid, a["id"], k)
        assert s is None or s <= TODAY or (cid, a["id"]) in PLANNED_FILINGS, (cid, a["id"])
        asked, done = a.get("documentsRequested"), a.get("documentsCompleted")
        assert asked is None or (s is not None and s <= asked), (cid, a["id"], "documentsRequested")
        assert done is None or (asked is not None and asked <= done), (cid, a["id"], "documentsCompleted")
        for e in a["checklist"]:
            t = TEMPLATE_BY_ID.get(e["item"])
            if e["state"] == "certified":
                assert t is not None and t.get("notarized"), (cid, e)
            if e["state"] == "waived":
                assert e["note"], (cid, e)
    rec = c["longTerm"]["entryExitRecord"]
    if rec["requested"] is not None:
        online = [a.get("steps", {}).get("online") or a["submitted"] for a in c["applications"] if a["kind"] == "long-term"]
        online = [o for o in online if o is not None]
        assert online and rec["requested"] >= min(online), cid
    if c["foreignerId"]:
        assert len(c["foreignerId"]) == 11 and c["foreignerId"].startswith("99"), cid
    assert c.get("sex") in (None, "female", "male"), cid
    assert c.get("maritalStatus") in (None, "single", "married", "divorced", "widowed"), cid
    if c.get("closed") is not None:
        closed = c["closed"]
        assert closed["reason"] in CLOSING_REASONS and closed["date"] <= TODAY, cid
        assert closed["reason"] != "other" or closed["note"], cid


def jsonable(x):
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return x


def main():
    ids = [c["id"] for c in CLIENTS]
    assert len(ids) == len(set(ids)), "duplicate client ids"
    for c in CLIENTS:
        check(c)
    valid = sum(1 for c in CLIENTS if c["foreignerId"] and check_ykn(c["foreignerId"]))
    doc = {"format": "ikamet/1", "clients": jsonable(CLIENTS)}
    path = os.path.join(ROOT, "data", "demo.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(CLIENTS)} clients, {valid} foreigner ids with a valid checksum")


if __name__ == "__main__":
    main()

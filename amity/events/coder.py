"""The event coder: an Analysis (spaCy parse + actor mentions) -> Events with their evidence.

For each sentence: find the triggers (amity.events.triggers), fold complements, drop negated
and unreal ones, fill the roles with actor mentions (amity.events.arguments), turn the roles
into actor pairs, and read subtype, date and place around the trigger (amity.events.context).

Pairs:
- agents and targets: one directed event per (agent, target) ("A and B accused C": A->C, B->C);
- "between A and B", or conjoined agents of a joint type ("A and B agreed"): one symmetric event
  per pair of different actors (three parties give three pairs);
- never an event between an actor and itself (same code).

The same event stated in two sentences gives two rows (the merger, amity.merge, joins them);
within one sentence a pair is coded once per type and subtype.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations

from spacy.tokens import Span, Token

from amity.events import context, ontology, rules_data, scorer, syntax, timing, triggers
from amity.events.arguments import Arg, Memory, MentionIndex, fill, known, resolve_unknown
from amity.events.candidates import (
    Candidate,
    candidate_features,
    coalition,
    document_features,
    key_features,
    orient,
    pair_arguments,
    published_year,
    role_rule,
    sentence_actors,
)
from amity.events.dictionary import (
    DICTIONARY_MODES,
    dictionary_triggers,
    disapprovals,
    modal_demands,
)
from amity.events.options import CoderOptions
from amity.events.participants import Participants, group_word
from amity.events.triggers import Found
from amity.models import PIPELINE_VERSION, Actor, Document, Event, Mention
from amity.models import Span as TextSpan

CODER_VERSION = PIPELINE_VERSION


@dataclass
class Roles:
    agents: list[Arg]
    targets: list[Arg]
    joint: list[Arg]  # "between A and B"


class Coder:
    """``Coder(options).code(analysis) -> tuple[Event, ...]``; one Coder serves many documents.

    ``candidates(analysis)`` proposes events (the syntactic rules, then the broad pass of
    ``amity.events.candidates``) with their features; ``code`` scores them with the learned
    scorer (``amity.events.scorer``) and keeps, per sentence, actor pair, type and topic, the
    likeliest candidate at or above the threshold.
    """

    def __init__(self, options: CoderOptions | None = None):
        self.options = options or CoderOptions()
        self.onto = ontology.load()
        self._scorer: scorer.Scorer | None = None  # read on first use

    @property
    def scorer(self) -> scorer.Scorer:
        if self._scorer is None:
            self._scorer = scorer.load(self.options.scorer)
        return self._scorer

    @property
    def threshold(self) -> float:
        floor = self.options.min_confidence
        return self.scorer.threshold if floor is None else floor

    # -- document ---------------------------------------------------------------------------
    def code(self, analysis) -> tuple[Event, ...]:
        events = select(self.candidates(analysis), self.scorer, self.threshold)
        sents = list(analysis.spacy_doc.sents)
        lead = " ".join(s.text for s in sents[:self.options.lead_sentences])
        present = frozenset(t.idx for t in analysis.spacy_doc if _present(t))
        return timing.complete(events, analysis.document.published, [s.start_char for s in sents],
                               self.options, lead, present)

    def candidates(self, analysis) -> list[Candidate]:
        """Every candidate event of the document with its features (unscored)."""
        doc = analysis.spacy_doc
        document: Document = analysis.document
        index = MentionIndex.build(doc, analysis.mentions, document.id)
        memory = Memory()
        sents = list(doc.sents)
        found_cands: list[Candidate] = []
        ctx = _DocContext(document, index, len(sents), published_year(document.published),
                          frozenset(m.actor.code for m in analysis.title_mentions if known(m.actor.code)),
                          _voice(analysis.outlet_mentions))
        memory.participants = ctx.participants
        for i, sent in enumerate(sents):
            if not self._worth_parsing(sent, index):
                continue
            self._remember_subject(sent, index, memory)  # "Egypt said it had expelled ..."
            outer = triggers.fold(triggers.find(sent, self.onto))
            if ctx.codes_in(sent):
                taken = {t for f in outer for t in f.tokens()}
                outer += self._dictionary_triggers(sent)
                if self.options.broad and not any(f.entry.type == "ACCUSE" for f in outer):
                    outer += disapprovals(sent, self.onto, taken)
            rules = self._sentence(sent, i, outer, ctx, memory)
            found_cands.extend(rules)
            if self.options.broad and (ctx.codes_in(sent) or group_word(sent) is not None):
                found_cands.extend(self._broad(sent, i, outer, ctx, memory, rules))
                if not outer:
                    found_cands.extend(self._joined(sent, i, ctx))
            directed = [c for c in rules if not c.features.get("symmetric")]
            if directed:
                ctx.last_act = directed[-1]
            ctx.participants.observe(sent, index, [(c.source, c.target) for c in rules if c.features.get("symmetric")])
        document_features(found_cands, index.mentions, index.dyad)
        return found_cands

    @staticmethod
    def _worth_parsing(sent: Span, index: MentionIndex) -> bool:
        if index.in_span(sent):
            return True
        anaphors = rules_data.words().anaphors
        return any(t.lower_ in anaphors or t.tag_ == "NNS" for t in sent)

    def _remember_subject(self, sent: Span, index: MentionIndex, memory: Memory) -> None:
        subj = syntax.subject_of(sent.root)
        args = fill(subj, "subj", index, None) if subj else []
        if args:
            memory.remember(args)

    def _dictionary_triggers(self, sent: Span) -> list[Found]:
        """Triggers only the broad pass reads: reported demands ("said Russia must ..."), and, when
        asked for, verbs amity's lexicon does not know, read with the CAMEO verb dictionary."""
        if not self.options.broad:
            return []
        found = modal_demands(sent, self.onto)
        if self.options.cameo_verbs or self.options.verb_dictionaries:
            found += dictionary_triggers(sent, self.onto, self.options.verb_dictionaries, self.options.cameo_verbs)
        return found

    # -- sentence ---------------------------------------------------------------------------
    def _sentence(self, sent, sent_index, outer, ctx, memory) -> list[Candidate]:
        out: list[Candidate] = []
        seen: set[tuple] = set()
        index = ctx.index
        for f in outer:
            if f.entry.mode in DICTIONARY_MODES:
                continue  # judged by the broad pass only
            f.entry = _retyped(f, self.onto) or f.entry
            status = triggers.modality(f, self.onto)
            if f.entry.type in rules_data.rules().force_types and "threaten" in self.onto.verbs and (
                    status == "planned" and syntax.conditional(f.frame) or _readied(f, self.onto)):
                # "will strike again if Iraq does not disarm", "stands ready to impose sanctions":
                # the threat is made now
                f.entry, status = self.onto.verbs["threaten"], "asserted"
            f.status = status or "none"
            if status is None or (status == "planned" and not self.options.planned):
                continue
            roles = self._roles(f, index, memory)
            explicit = [a for a in roles.agents + roles.joint if not a.anaphor]
            if explicit:
                memory.remember(explicit)
            if f.nominal and not explicit:
                continue  # "their meeting" alone does not report a new event
            topic = context.subtype(f, sent, self.onto, self.options.sentence_subtype)
            for src, tgt, symmetric in self._pairs(f, roles, index):
                key = (src.code, tgt.code, f.entry.type, topic, symmetric)
                if key in seen or (symmetric and (tgt.code, src.code, f.entry.type, topic, True) in seen):
                    continue
                seen.add(key)
                memory.remember_pair(src, tgt, joint=symmetric)
                if not symmetric:
                    memory.against[tgt.code] = src.mention
                    memory.against_by_type[(tgt.code, f.entry.type)] = src.mention
                out.append(self._candidate(f, sent, sent_index, src, tgt, symmetric, topic, "rules", ctx,
                                           _confidence(f, src, tgt)))
        return out

    def _candidate(self, f, sent, sent_index, src, tgt, symmetric, topic, origin, ctx, rule_conf, inner=False):
        rule = role_rule(src, tgt)
        feats = candidate_features(f, sent, sent_index, ctx.n_sents, src, tgt, origin, rule_conf, inner,
                                   f.status, symmetric, ctx.year, ctx.codes_in(sent), ctx.title_codes, ctx.cache)
        found = Found(f.word, f.entry, f.frame, f.end, f.noun_subject, f.status, list(f.inner))

        def build() -> Event:
            return self._event(found, sent, ctx.document, src, tgt, symmetric, ctx.index.countries, topic)

        return Candidate(src.code, tgt.code, f.entry.type, topic, origin, rule, sent_index, feats, f.word.i,
                         build, found=found, target_arg=tgt)

    def _joined(self, sent, sent_index, ctx) -> list[Candidate]:
        """"The US struck the sites. It was joined by the UK and France.": allies named in a
        sentence with no event word of its own share the last directed act the rules coded."""
        last = ctx.last_act
        allies = coalition(sent, ctx.index, ctx.cache)
        if last is None or not allies or sent_index - last.sentence > 2:
            return []
        tok = next((t for t in sent if t.lemma_.lower() in ("join", "together", "along", "alongside")), sent.root)
        found = Found(tok, last.found.entry, tok, tok.i + 1, status=last.found.status)
        target = last.target_arg
        out = []
        for m in ctx.index.in_span(sent):
            if (m.start, m.end) in allies and m.actor.code not in (target.code, last.source):
                out.append(self._candidate(found, sent, sent_index, Arg(m, "coalition"), target, False,
                                           last.subtype, "broad", ctx, 0.0))
        return out

    def _broad(self, sent, sent_index, outer, ctx, memory, rules) -> list[Candidate]:
        """Every (trigger, actor pair) of the sentence that the rules did not code: triggers
        folded into others, dictionary verbs, pairs named anywhere in the sentence or referred
        to by a group word ("the two countries"), the other side of a two-actor story."""
        taken = {(c.key, c.sentence) for c in rules}
        coded = {c.trigger for c in rules}
        index = ctx.index
        group = ctx.participants.resolve(sent)
        unreal = rules_data.rules().unreal_complement_types  # "refused to ratify": no ratification
        every = [(f, False) for f in outer] + [(g, True) for f in outer if f.entry.type not in unreal for g in f.inner]
        blame = rules_data.rules().blame_types  # "protested over the seizure": the other side seized
        blamed = {g.word.i for f in outer if f.entry.type in blame for g in f.inner}
        frames = {f.frame.i for f, _ in every if f.light}
        out: list[Candidate] = []
        for f, inner in every:
            if f.word.i in frames and not f.light:
                continue  # "held" in "held talks" is the talks' frame, not an event of its own
            fresh = inner or f.entry.mode in DICTIONARY_MODES  # the rules did not read these
            status = triggers.modality(f, self.onto) if fresh else f.status
            if status in (None, "none") or (status == "planned" and not self.options.planned):
                continue
            f.status = status
            topic = None
            for a, b in pair_arguments(f, sent, index, group, lambda arg, f=f: _dyad_other(arg, f, index),
                                       ctx.voice, ctx.cache):
                src, tgt = orient(f, a, b, sent.doc, ctx.cache)
                if f.word.i in blamed and src.via == "cooccur" and src.mention.start < f.word.idx:
                    src, tgt = tgt, src  # "China protested over the seizure": the seizure is the other side's act
                pair_key = (*sorted((src.code, tgt.code)), f.entry.type)
                if (pair_key, sent_index) in taken:
                    continue
                taken.add((pair_key, sent_index))
                if topic is None:
                    topic = context.subtype(f, sent, self.onto, self.options.sentence_subtype) or ""
                symmetric = f.entry.joint or f.entry.type in rules_data.rules().mutual_types
                cand = self._candidate(f, sent, sent_index, src, tgt, symmetric, topic or None, "broad", ctx, 0.0, inner)
                if not fresh:
                    cand.features["rules_other_pair" if f.word.i in coded else "rules_silent"] = 1.0
                out.append(cand)
        return out

    # -- roles ------------------------------------------------------------------------------
    def _roles(self, f: Found, index: MentionIndex, memory: Memory) -> Roles:
        preps = {p for p in f.entry.target_preps if p != "obj" and not p.endswith("<")}
        source_preps = {p[:-1] for p in f.entry.target_preps if p.endswith("<")}
        wants_obj = "obj" in f.entry.target_preps
        heads = [f.word] if f.frame.i == f.word.i else [f.frame, f.word]
        if not f.nominal:  # "signed a contract *with* South Korea"
            heads += [c for c in f.frame.children if c.dep_ == "dobj" and c.i != f.word.i]
        joint_heads = heads + ([f.word.head] if f.nominal and f.word.dep_ == "dobj" else [])
        joint = self._prep_args(joint_heads, {"between", "among"}, index, memory)  # "follows a meeting ... between"
        targets = self._prep_args(heads, preps, index, memory)
        objects: list[Arg] = []
        if f.nominal:
            agents = self._nominal_agents(f.word, index, memory) or self._scene_agents(f.word, index, memory)
        else:
            agents, objects = self._verb_roles(f, index, memory, wants_obj)
            targets = objects + targets
        if f.noun_subject:
            agents = self._prep_args([f.frame], {"by"}, index, memory) + self._nominal_agents(f.word, index, memory)
        if source_preps:  # "Indonesia bought jets from France", "... bought French jets": France -> Indonesia
            sellers = self._prep_args(heads, source_preps, index, memory) or objects
            agents, targets = (sellers, agents) if sellers else (agents, [])
        if not targets and not joint:
            targets = self._implicit_targets(f, heads, preps, wants_obj, agents, index, memory)
        return Roles(agents, targets, joint)

    def _implicit_targets(self, f: Found, heads, preps, wants_obj, agents, index, memory) -> list[Arg]:
        """Targets the trigger's own roles do not name, tried in turn (each a small rule below): a
        visited or struck place's country, whoever a rejection answers, the subject of a reported
        or conditional clause, the object of a purpose clause, the target of a folded complement."""
        if f.entry.mode == "visit" or f.entry.type == "ASSAULT":
            roles = preps | ({"obj"} if wants_obj else set()) | ({"in", "near"} if f.entry.type == "ASSAULT" else set())
            found = self._destination(heads, roles, index)
            if found:
                return found
        if f.entry.type in rules_data.rules().response_types:
            answered = _answered(f.frame)
            if any(o.lemma_.lower() in rules_data.rules().response_objects for o in answered):
                return _response_target(answered, agents, memory)
        others = {g.code for g in agents}
        if f.entry.type in rules_data.rules().clause_target_types:
            found = [a for a in _clause_subjects(f.frame, index) if a.code not in others]
            if found:
                return found
        if f.entry.type in rules_data.rules().purpose_target_types:
            found = [a for a in _purpose_objects(f.frame, preps, index) if a.code not in others]
            if found:
                return found
        if len(others) >= 2:
            return []  # "A and B agreed to ...": a joint event, not one aimed at the complement's object
        for inner in f.inner:
            targets = self._roles(inner, index, memory).targets
            if not targets and wants_obj and not inner.nominal:
                objs = [c for c in inner.frame.children if c.dep_ == "dobj"]
                targets = fill(objs, "obj", index, None, deep=True)
            if targets:
                return targets
        return []

    def _destination(self, heads: list[Token], preps: set[str], index: MentionIndex) -> list[Arg]:
        """A visit's destination named as a place ("a trip to Tokyo", "arrived in Hanoi"): the
        country the place is in is the host."""
        places = [obj for head in heads for _, obj in syntax.prep_objects(head, preps)]
        if "obj" in preps:
            places += [c for head in heads[:1] for c in head.children if c.dep_ == "dobj"]
        for obj in [c for head in heads[:1] for c in head.children if c.dep_ == "dobj"]:
            places += [o for _, o in syntax.prep_objects(obj, {"in", "near", "at"})]  # "struck a farm near Erbil"
        for obj in list(places):  # "near the northern city of Erbil": the name after "of"
            if obj.lemma_.lower() in rules_data.words().place_heads:
                places += [o for _, o in syntax.prep_objects(obj, {"of"})]
        for obj in places:
            if obj.ent_type_ not in context.PLACE_ENTS and not (obj.pos_ == "PROPN" and obj.ent_type_ != "PERSON"):
                continue
            span = syntax.np_left(obj)
            place = context.places.lookup(span.text, index.countries)
            if place is not None and place.country:
                actor = Actor(place.country)
                mention = Mention(index.doc_id, span.text, span.start_char, span.end_char, actor, "event:destination")
                return [Arg(mention, "destination")]
        return []

    def _prep_args(self, heads: list[Token], preps: set[str], index, memory) -> list[Arg]:
        args: list[Arg] = []
        for head in heads:
            for prep, obj in syntax.prep_objects(head, preps):
                args.extend(fill([obj], f"prep:{prep}", index, memory, deep=prep not in ("between", "among", "by")))
        return args

    def _verb_roles(self, f: Found, index, memory, wants_obj: bool) -> tuple[list[Arg], list[Arg]]:
        verb = f.frame
        objects: list[Arg] = []
        if syntax.is_passive(verb):
            agents = self._prep_args([verb], {"by"}, index, memory)
            if wants_obj:
                patients = syntax.children(verb, {"nsubjpass"})
                if verb.dep_ == "acl":
                    patients = [verb.head]
                objects = fill(patients, "obj", index, memory)
            return agents, objects
        subjects = syntax.subject_of(verb)
        agents = [] if f.noun_subject else fill(subjects, "subj", index, memory)
        if not agents and not f.noun_subject:  # "missiles fired by Iran's Revolutionary Guards struck ..."
            agents = self._prep_args([c for s in subjects for c in s.children if c.dep_ == "acl" and c.tag_ == "VBN"],
                                     {"by"}, index, memory)
        if wants_obj:
            objs = [c for c in verb.children if c.dep_ in syntax.OBJECTS and c.i != f.word.i
                    and c.lower_ not in rules_data.words().relative_pronouns]
            if not objs and syntax.object_gap(verb):  # "the officials (whom) it accuses of ..."
                objs = [verb.head]
            objects = fill(objs, "obj", index, None, deep=True)
        if not agents and f.light:
            agents = self._nominal_agents(f.word, index, memory)
        return agents, objects

    def _scene_agents(self, noun: Token, index, memory) -> list[Arg]:
        """"X praised Y *during a call with* Z": an event noun in a time or place phrase of a
        clause, with a partner but no agent of its own, is the clause subject's."""
        head = noun.head
        if noun.dep_ != "pobj" or head.lower_ not in ("during", "at", "after", "in", "on"):
            return []
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return fill(syntax.subject_of(verb), "subj", index, memory) if verb is not None else []

    def _nominal_agents(self, noun: Token, index, memory) -> list[Arg]:
        """"Ahn's visit", "the visit by Ahn", "U.S.-Japan talks", "Japanese drills"."""
        agents = self._prep_args([noun], {"by"}, index, memory)
        for child in noun.children:
            if child.dep_ == "poss":
                agents.extend(fill([child], "poss", index, memory))
            elif child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
                span = noun.doc[child.left_edge.i:child.right_edge.i + 1]
                agents.extend(Arg(m, "compound") for m in index.in_span(span))
        return agents

    # -- pairs ------------------------------------------------------------------------------
    def _pairs(self, f: Found, roles: Roles, index: MentionIndex) -> list[tuple[Arg, Arg, bool]]:
        dyad = index.dyad
        pairs: list[tuple[Arg, Arg, bool]] = []
        agents = resolve_unknown(roles.agents, roles.targets or roles.joint or roles.agents, dyad)
        targets = resolve_unknown(_not_own_agents(roles.targets, roles.agents), roles.agents, dyad)
        joint = resolve_unknown(roles.joint, roles.joint, dyad)
        if targets:
            mutual = f.entry.type in rules_data.rules().mutual_types and f.entry.joint  # "A signed a deal *with* B": both agreed
            for a in agents:
                pairs.extend((a, t, mutual and t.via == "prep:with") for t in targets if t.code != a.code)
        if joint:
            pairs.extend(_symmetric(joint))
            if agents and not f.entry.joint:
                pairs.extend((a, t, False) for a in agents for t in joint if t.code != a.code)
        elif not targets and (f.entry.joint or f.entry.type in rules_data.rules().mutual_without_target):
            pairs.extend(_symmetric(agents))
        if not pairs and not targets and not joint:
            pairs.extend(_dyad_partner(f, agents, index))
        if not pairs and not agents and targets and not f.entry.joint and syntax.is_passive(f.frame):
            pairs.extend(_unnamed_agent(f, targets, index))
        return pairs

    # -- event ------------------------------------------------------------------------------
    def _event(self, f: Found, sent: Span, document: Document, src: Arg, tgt: Arg,
               symmetric: bool, countries: frozenset[str], topic: str | None) -> Event:
        when = context.date(f, document.published, future=f.status == "planned")
        where = context.place(f, countries)
        start = min(f.word.i, f.frame.i) if f.light and not f.noun_subject else f.word.i
        end = f.end if not f.light or f.noun_subject else max(f.end, f.frame.i + 1)
        trig = sent.doc[start:end]
        return Event(
            doc=document.name or document.id, doc_id=document.id,
            source=src.code, target=tgt.code,
            source_actor=src.mention.actor, target_actor=tgt.mention.actor,
            type=f.entry.type, mode=f.entry.mode,
            subtype=topic,
            cameo=f.entry.cameo,
            date=when.value if when else None, date_precision=when.precision if when else None,
            date_basis=when.basis if when else "background" if context.background(f) else None,
            status=f.status,
            location=where.name if where else None,
            location_country=where.country if where else None,
            lat=where.lat if where else None, lon=where.lon if where else None,
            symmetric=symmetric, sentence=sent.text, sentence_span=(sent.start_char, sent.end_char),
            trigger=TextSpan(trig.start_char, trig.end_char, trig.text),
            source_span=_span(src.mention), target_span=_span(tgt.mention),
            confidence=_confidence(f, src, tgt), coder_version=CODER_VERSION,
        )


def _not_own_agents(targets: list[Arg], agents: list[Arg]) -> list[Arg]:
    """A plural noun or pronoun in the target's place never stands for the very mentions that
    fill the agent's ("A, B and C imposed sanctions on officials ...": the officials are not A, B
    and C; a reflexive would say so)."""
    own = {(a.mention.start, a.mention.end) for a in agents if not a.anaphor}
    return [t for t in targets if not (t.anaphor and (t.mention.start, t.mention.end) in own)]


def _answered(verb: Token) -> list[Token]:
    """What a rejection rejects: its object, or the noun its relative clause hangs on ("a charge
    Abuja called baseless")."""
    return syntax.children(verb, syntax.OBJECTS) + ([verb.head] if syntax.object_gap(verb) else [])


def _response_target(answered: list[Token], agents: list[Arg], memory: Memory) -> list[Arg]:
    """"Iran rejected the accusations": whoever last did to Iran the act the noun names (a PROTEST
    for "the protest" before an ACCUSE), else whoever last acted against Iran at all."""
    kinds = [t for o in answered for t in rules_data.rules().response_objects.get(o.lemma_.lower(), ())]
    out = []
    for a in agents[:1]:
        found = next((memory.against_by_type[(a.code, k)] for k in kinds if (a.code, k) in memory.against_by_type),
                     memory.against.get(a.code))
        if found is not None:
            out.append(Arg(found, "response", inferred=True))
    return out


def _clause_subjects(verb: Token, index: MentionIndex) -> list[Arg]:
    """"warned that Manila would bear all consequences", "warned they would strike again if Iraq
    did not disarm the groups": the subjects of the reported clause and of its conditions."""
    reported = syntax.children(verb, {"ccomp"})
    clauses = reported + syntax.condition_clauses(verb) + [c for r in reported for c in syntax.condition_clauses(r)]
    return [arg for c in clauses for arg in fill(syntax.subject_of(c), "clause", index, None)]


def _purpose_objects(verb: Token, preps: set[str], index: MentionIndex) -> list[Arg]:
    """"dispatched two frigates to shadow the Greek vessels": the purpose clause's objects."""
    for c in verb.children:
        if syntax.purpose_clause(c) or (c.dep_ == "xcomp" and syntax.to_infinitive(c)):
            objs = syntax.children(c, syntax.OBJECTS) + [o for _, o in syntax.prep_objects(c, preps)]
            found = fill(objs, "purpose", index, None, deep=True)
            if found:
                return found
    return []


@dataclass
class _DocContext:
    document: Document
    index: MentionIndex
    n_sents: int
    year: int | None
    title_codes: frozenset[str] = frozenset()
    voice: Mention | None = None  # the government an outlet speaks for ("we" in its statements)
    _codes: dict[int, int] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # what candidates of one sentence or trigger share
    last_act: Candidate | None = None  # the last directed act the rules coded ("joined by X" shares it)
    participants: Participants = field(default_factory=Participants)  # who the story is about

    def codes_in(self, sent: Span) -> int:
        """How many different actors the sentence names (cached per sentence)."""
        if sent.start not in self._codes:
            key = ("named", sent.start)
            if key not in self.cache:
                self.cache[key] = sentence_actors(sent, self.index)
            self._codes[sent.start] = len({m.actor.code for m in self.cache[key]})
        return self._codes[sent.start]


VOICE_SECTORS = frozenset({"GOV", "MIL", "DIP"})


def _voice(outlet_mentions) -> Mention | None:
    """The government body an outlet is ("U.S. Department of State", "U.S. Embassy in Georgia"),
    whose statements say "we" for its state; not a country merely named in an outlet's name
    ("Voice of America", "The Japan Times")."""
    return next((m for m in outlet_mentions if known(m.actor.code) and m.actor.sector in VOICE_SECTORS), None)


def _dyad_other(arg: Arg, f: Found, index: MentionIndex) -> Arg | None:
    """In a two-actor story, the other side's last mention before the trigger."""
    dyad = index.dyad
    if not dyad or arg.code not in dyad:
        return None
    other = dyad[1] if dyad[0] == arg.code else dyad[0]
    before = [m for m in index.mentions if m.actor.code == other and m.start < f.word.idx]
    mention = before[-1] if before else next((m for m in index.mentions if m.actor.code == other), None)
    return Arg(mention, "dyad", inferred=True) if mention is not None else None


def select(cands: list[Candidate], model: scorer.Scorer, threshold: float) -> tuple[Event, ...]:
    """Judge each (actor pair, type) of the document from all its candidates; for those whose
    probability reaches the threshold, report the rules' readings (one per sentence and topic),
    or, when only the broad pass proposed it, its best reading and any other that would pass on
    its own. Every event of a pair and type carries that pair and type's probability."""
    groups: dict[tuple, list[tuple[int, Candidate]]] = defaultdict(list)
    for n, c in enumerate(cands):
        groups[c.key].append((n, c))
    kept: list[tuple[int, float, Candidate]] = []
    for members in groups.values():
        p = model.probability(key_features([c for _, c in members]))
        if p < threshold:
            continue
        rules = [(n, c) for n, c in members if c.origin == "rules"]
        if rules:
            chosen = rules
        else:
            own = sorted(((model.probability(key_features([c])), n, c) for n, c in members), key=lambda t: (-t[0], t[1]))
            chosen = [(n, c) for q, n, c in own if q >= threshold] or [(own[0][1], own[0][2])]
        seen: set[tuple] = set()
        for n, c in sorted(chosen, key=lambda t: t[0]):
            where = (c.sentence, c.subtype)
            if where not in seen:
                seen.add(where)
                kept.append((n, p, c))
    kept.sort(key=lambda t: t[0])
    return tuple(replace(c.event, confidence=p, role_rule=c.role_rule) for _, p, c in kept)


def _present(tok: Token) -> bool:
    """"condemns", "call on", "have consistently called": the statement's own act, now."""
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have"
                                     for c in tok.children)


def _dyad_partner(f: Found, agents: list[Arg], index: MentionIndex) -> list[tuple[Arg, Arg, bool]]:
    """In a story about two actors, a deal signed, goods handed over, blame laid or a withdrawal
    made by one of them with no other party named concerns the other ("Seoul will deliver the
    first tanks", "Yerevan signed the contract", "Russia condemned the purchase", "Eritrea pulled
    back"): the target is inferred (lower confidence) and its span is the other side's last
    mention before the trigger."""
    codes = {a.code for a in agents}
    dyad = index.dyad
    if not dyad or len(codes) != 1 or not codes <= set(dyad):
        return []
    joint = f.entry.type == "AGREE" and f.entry.mode == "sign"
    transfer = f.entry.type == "AID" and (f.entry.subtype is not None or f.entry.lemma == "deliver")
    blame = f.entry.type in ("ACCUSE", "PROTEST") and not syntax.is_passive(f.frame)
    leave = f.entry.type == "RETREAT"  # "pulled back to its pre-war borders", "withdrew from the treaty"
    if not (joint or transfer or blame or leave):
        return []
    other = _dyad_other(agents[0], f, index)
    return [(agents[0], other, joint)] if other is not None else []


def _readied(f: Found, onto) -> bool:
    """A coercive act governed by a word of readiness, not negated: "stands ready to impose
    sanctions", "is prepared to take action against"."""
    ready = rules_data.words().threat_governors
    negations = onto.words["negations"]
    return any(t.lemma_.lower() in ready and not syntax.negated(t, negations)
               and not (t.dep_ == "acomp" and syntax.negated(t.head, negations))  # "is not ready to"
               for t in syntax.governing_chain(f.frame))


def _unnamed_agent(f: Found, targets: list[Arg], index: MentionIndex) -> list[tuple[Arg, Arg, bool]]:
    """A passive with no "by" phrase in a story about two actors ("the Russian ambassador was
    summoned", "the crew were detained"): the act is the other side's (inferred, lower
    confidence)."""
    patients = [t for t in targets if t.via == "obj"]
    if len({t.code for t in patients}) != 1:
        return []
    other = _dyad_other(patients[0], f, index)
    return [(other, patients[0], False)] if other is not None else []


def _retyped(f: Found, onto) -> ontology.Trigger | None:
    """A giving verb whose object says what is given: military units sent to a border are a
    deployment ("sent tank battalions to its border with Colombia": MOBILIZE), people handed over
    a release ("will hand over the arrested Russian officers": CONCEDE), people
    "ordered" an order, not a purchase."""
    if f.entry.type != "AID" or f.nominal:
        return None
    words = rules_data.words()
    objs = {c.lemma_.lower() for c in f.frame.children if c.dep_ in syntax.OBJECTS}
    borders = [o for _, o in syntax.prep_objects(f.frame, {"to", "toward", "towards"})
               if o.lemma_.lower() in words.border_nouns]
    if objs & words.force_nouns and borders and "deploy" in onto.verbs:
        return onto.verbs["deploy"]
    if f.entry.mode == "provide" and objs & words.person_nouns and "release" in onto.verbs:
        return onto.verbs["release"]  # giving people over, not training them ("train crews")
    if f.entry.mode == "arms_sale" and objs & words.person_nouns:  # people are never bought
        verb = f.frame.lemma_.lower()
        leave = any(t.lemma_.lower() == "leave" and t.pos_ == "VERB" for t in f.frame.subtree)
        for key in ([f"{verb} to leave"] if leave else []) + [f"{verb} to"]:
            if key in onto.verbs:  # "ordered 60 diplomats it accuses of spying to leave": an expulsion
                return onto.verbs[key]
    return None


def _symmetric(args: list[Arg]) -> list[tuple[Arg, Arg, bool]]:
    firsts: dict[str, Arg] = {}
    for a in args:
        firsts.setdefault(a.code, a)
    return [(a, b, True) for a, b in combinations(firsts.values(), 2)]


def _span(m: Mention) -> TextSpan:
    return TextSpan(m.start, m.end, m.text)


def _confidence(f: Found, src: Arg, tgt: Arg) -> float:
    """Evidence strength: a verb with both actors in its own roles is the strongest; a noun
    event, an actor reached through a pronoun or inside a long object, and plans are weaker."""
    score = 0.85 if not f.light and not f.nominal else 0.75 if f.light else 0.65
    if src.anaphor or tgt.anaphor:
        score -= 0.2
    if src.inferred or tgt.inferred:
        score -= 0.15
    if src.via == "compound" or tgt.via == "compound":
        score -= 0.05
    if f.status == "planned":
        score -= 0.1
    return max(0.05, min(0.99, score))

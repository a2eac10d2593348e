// Who said it. A sentence names its speaker in one of the ways news attributes: before the
// clause ("According to X", "X said", "X, who heads Y, told reporters"), after it ("…, the
// ministry said in a statement", "…, said Kremlin spokesman Dmitry Peskov"), by a possessive
// ("Mediazona's count"), or by reference to someone named before ("the report said", "its
// authors", "the officials", "he"). Names are then made whole across the article: a surname is
// the full name given elsewhere, an acronym the organisation it abbreviates, "the ministry" the
// ministry named last, "the General Staff" the "Ukraine's General Staff" named first.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public sealed record Speaker(string Name, string Title, Span At, bool IsPerson, bool IsReference = false, bool Single = false)
{
    // "A senior Russian commander said": someone the next sentences name.
    public bool Pending { get; init; }
}

public static partial class Speakers
{
    // Words before a person's name that say what they are, not who.
    static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "prime", "minister", "foreign", "defence", "defense", "kremlin", "ukrainian", "russian", "british", "american", "us",
        "u.s.", "general", "gen.", "gen", "colonel", "col.", "commander", "commander-in-chief", "chief", "secretary", "deputy", "head", "spokesperson",
        "spokesman", "spokeswoman", "ambassador", "senator", "sen.", "chancellor", "mayor", "governor", "lieutenant", "lt.", "lead", "negotiator",
        "aide", "adviser", "advisor", "envoy", "ombudsman", "intelligence", "military", "presidential", "former", "top", "senior", "special",
        "human", "rights", "commissioner", "french", "german", "polish", "north", "korean", "south", "dr", "dr.", "mr", "mr.", "ms", "ms.",
        "mrs", "mrs.", "admiral", "adm.", "marshal", "pentagon", "white", "house", "nato", "un", "eu", "european", "western", "regional",
        "kyiv", "moscow", "kharkiv", "odesa", "lviv", "donetsk", "zaporizhzhia", "dnipro", "kherson", "sumy", "ukraine's", "russia's",
        "moscow's", "kyiv's", "britain's", "america's", "parliament's", "parliamentary", "mp", "lawmaker", "opposition", "commentator",
        "blogger", "analyst", "researcher", "journalist", "editor", "director", "founder", "chairman", "chairwoman", "chair", "of", "the",
        "and", "a", "an", "staff", "joint", "chiefs", "armed", "forces", "army", "navy", "air", "force", "ground", "officer", "sgt.", "maj.",
        "capt.", "oblast", "region", "city", "state", "secretary-general", "sec.", "vice", "acting", "then", "late", "u.n.", "rep.",
        "press", "president-elect", "elect", "incoming", "outgoing", "sir", "dame", "lord", "colonel-general", "lieutenant-general", "major-general", "army-general",
    };

    // Every speaker a sentence names, in text order; context answers references to
    // someone named before ("he", "the ministry", "the report").
    public static List<Speaker> In(string text, Span sentence, Context context)
    {
        // A sentence longer than a quote may be is read for its speaker at its two ends, where news attributes.
        if (sentence.Length > 2 * Text.MaxQuote)
        {
            var head = In(text, new Span(sentence.Start, sentence.Start + Text.MaxQuote), context);
            var tail = In(text, new Span(sentence.End - Text.MaxQuote, sentence.End), context);
            return [.. head, .. tail.Where(t => !head.Any(h => Overlap(h.At, t.At)))];
        }
        var s = sentence.Of(text);
        var found = new List<Speaker>();
        void Add(Group g, string title = "") => AddAt(g.Index, g.Length, title);
        void AddAt(int index, int length, string title = "")
        {
            if (Named(text, sentence.Start + index, length, title) is { } named && !found.Any(f => Overlap(f.At, named.At)))
                found.Add(named);
        }
        void Refer(Group g, Speaker? to)
        {
            var at = new Span(sentence.Start + g.Index, sentence.Start + g.Index + g.Length);
            if (to is not null && !found.Any(f => Overlap(f.At, at))) found.Add(to with { At = at, IsReference = true });
        }

        // Round 12: "according to Ukraine's commander-in-chief, Oleksandr Syrskyi," — the person the role is set beside, not the role's country.
        foreach (Match m in AccordingToRoleNamed().Matches(s))
            if (Parties.OfPlace(m.Groups["who"].Value) is null) Add(m.Groups["who"], m.Groups["title"].Value);
        foreach (Match m in According().Matches(s))
        {
            var who = m.Groups["who"];
            if (found.Any(f => f.At.Start >= sentence.Start + m.Index && f.At.Start <= sentence.Start + m.Index + m.Length + 40)) continue;
            if (Reference().Match(who.Value) is { Success: true } r && r.Length == who.Value.TrimEnd().Length) Refer(who, context.Resolve(r.Value, Personal(r.Value) ? sentence.Start + who.Index : -1));
            // "According to the Minister": the person named before by that role.
            else if (RoleOnly().IsMatch(who.Value)) Refer(who, context.Resolve(who.Value, sentence.Start + who.Index));
            else Add(who);
        }
        foreach (Match m in Possessive().Matches(s)) Add(m.Groups["who"]);
        // "counted by the UN Human Rights Monitoring Mission in Ukraine (HRMMU), which has verified 9,444 …".
        foreach (Match m in Relative().Matches(s)) if (!NotAName().IsMatch(Lead().Replace(m.Groups["who"].Value, ""))) Add(m.Groups["who"]);
        foreach (Match m in Appositive().Matches(s)) Add(m.Groups["who"], m.Groups["role"].Value);
        // "General Mark Milley, chairman of the US Joint Chiefs of Staff, who told …": the person, not the office the role names.
        foreach (Match m in RoleThenWho().Matches(s)) if (!NotAName().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"]);
        foreach (Match m in ClaimBy().Matches(s)) if (!NotAName().IsMatch(Lead().Replace(m.Groups["who"].Value, ""))) Add(m.Groups["who"]);
        foreach (Match m in Inverted().Matches(s)) if (!NotAName().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"], m.Groups["title"].Value);
        foreach (Match m in Publication().Matches(s)) if (!NotAName().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"]);
        foreach (Match m in Inquiry().Matches(s)) if (!NotAName().IsMatch(m.Groups["who"].Value) && !Adjective().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"]);
        if (RoleLabel().Match(s) is { Success: true } roleLabel) Add(roleLabel.Groups["who"], roleLabel.Groups["title"].Value);
        // "Zelenskyy: Yes. More than 46,000…", "General Staff of the Armed Forces of Ukraine: operational information…": a label speaks.
        // "Kharkiv: two civilians were killed …, governor Oleh Syniehubov says": a live blog's place tag is no speaker.
        if (Label().Match(s) is { Success: true } label && !NotAName().IsMatch(label.Groups["who"].Value)
            && !(Parties.OfPlace(label.Groups["who"].Value) is not null && !label.Groups["who"].Value.Contains(' '))) Add(label.Groups["who"]);
        foreach (Match m in Subject().Matches(s))
        {
            var who = m.Groups["who"];
            if (Reference().Match(who.Value) is { Success: true } r && r.Index == 0 && r.Length == who.Length)
            {
                // "He said …" opening a sentence is, like a "he" inside one, the person last written about.
                if (context.Resolve(r.Value, Personal(r.Value) ? sentence.Start + who.Index : -1) is { } referred) Refer(who, referred);
                else if (Institution().IsMatch(who.Value)) Add(who);
            }
            else if (!NotAName().IsMatch(Lead().Replace(who.Value, "")))
            {
                Add(who);
                // "Serhiy Popko, head of the city's military administration, says": a person's office, set off by commas after the name.
                if (m.Groups["role"].Success && !Aside().IsMatch(m.Groups["role"].Value) && found.Count > 0 && found[^1] is { IsPerson: true, Title.Length: 0 } person && person.At.Start == sentence.Start + who.Index)
                    found[^1] = person with { Title = m.Groups["role"].Value.Trim() };
            }
            // "Later US officials said", "When Zelenskyy said": the name after the word that opens the sentence.
            // "Citing Western intelligence, the newspaper said": the source cited is the newspaper's, not a speaker.
            else if (who.Value.IndexOf(' ') is var space and > 0 && NotAName().Match(who.Value) is { Length: var opener } && opener == space
                     && !who.Value.StartsWith("Citing", StringComparison.Ordinal) && !who.Value.StartsWith("Quoting", StringComparison.Ordinal)
                     && !NotAName().IsMatch(who.Value[(space + 1)..]))
                AddAt(who.Index + space + 1, who.Length - space - 1);
        }
        // "people familiar with the assessment said": unnamed, but named as the article names them.
        foreach (Match m in Anonymous().Matches(s))
        {
            if (Material().IsMatch(Text.Before(s, m.Index, 160))) continue;
            var at = new Span(sentence.Start + m.Groups["who"].Index, sentence.Start + m.Groups["who"].Index + m.Groups["who"].Length);
            // "Western officials familiar with intelligence assessments": named as the article groups them, "Western officials".
            var who = m.Groups["who"].Value;
            if (GroupedBy().Match(s[..m.Groups["who"].Index]) is { Success: true } by && who.StartsWith("officials", StringComparison.Ordinal))
                (who, at) = (by.Groups["by"].Value + " officials", new Span(sentence.Start + by.Index, at.End));
            if (!found.Any(f => Overlap(f.At, at))) found.Add(new Speaker(who, "", at, false));
        }
        // "US officials quoted by The New York Times put …", "the figure … that US officials gave to the New York Times": the officials
        // speak; the outlet only carries their words.
        foreach (Match m in Relayed().Matches(s))
        {
            var outlet = m.Groups["outlet"];
            found.RemoveAll(f => f.At.Start < sentence.Start + outlet.Index + outlet.Length && sentence.Start + outlet.Index < f.At.End);
            if (!NotAName().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"]);
        }
        // "…, the defence ministry said": with nobody named before, the words are the name.
        foreach (Match m in ReferredTo().Matches(s))
            // Round 12: "Mediazona, which …, has counted 25,000 …, a figure its journalists say …": "its" is the body the sentence named before it.
            if (m.Groups["who"].Value.StartsWith("its ", StringComparison.OrdinalIgnoreCase)
                && found.Where(f => !f.IsPerson && !f.IsReference && f.At.End <= sentence.Start + m.Groups["who"].Index).MaxBy(f => f.At.Start) is { } named) Refer(m.Groups["who"], named);
            else if (context.Resolve(m.Groups["who"].Value, Personal(m.Groups["who"].Value) ? sentence.Start + m.Groups["who"].Index : -1) is { } referred) Refer(m.Groups["who"], referred);
            else if (Institution().IsMatch(m.Groups["who"].Value)) Add(m.Groups["who"]);
        foreach (Match m in Pronoun().Matches(s))
        {
            // "The United Nations human rights office said it had confirmed …": "it" is who the sentence just named.
            var word = m.Groups["who"].Value.ToLowerInvariant();
            var here = found.Where(f => !f.IsReference && f.At.End <= sentence.Start + m.Index && (word is "it" ? !f.IsPerson : word is "he" or "she" && f.IsPerson))
                .OrderBy(f => f.At.Start).LastOrDefault();
            Refer(m.Groups["who"], here ?? context.Resolve(m.Groups["who"].Value, sentence.Start + m.Index));
        }
        foreach (Match m in Role().Matches(s)) Refer(m.Groups["who"], context.Resolve(m.Groups["who"].Value, sentence.Start + m.Index));
        // "Zelenskyy gave a rare account of the losses, saying that …": the person the sentence is about.
        if (found.Count == 0 && Participle().Match(s) is { Success: true } saying
            && context.People.Select(p => (Name: p, At: s.IndexOf(p, StringComparison.Ordinal), Length: p.Length))
                // "Zelenskyy also repeated his assessment …, saying …": the person by surname, once named in full.
                .Select(p => p.At >= 0 ? p : p.Name[(p.Name.LastIndexOf(' ') + 1)..] is var surname && Text.WordAt(s, surname) is var w and >= 0 ? (p.Name, At: w, Length: surname.Length) : p)
                .Where(p => p.At >= 0 && p.At < saying.Index).OrderBy(p => p.At).FirstOrDefault() is { Name: not null } subject)
            found.Add(new Speaker(subject.Name, "", new Span(sentence.Start + subject.At, sentence.Start + subject.At + subject.Length), true));
        foreach (Match m in Indefinite().Matches(s))
        {
            var at = new Span(sentence.Start + m.Groups["who"].Index, sentence.Start + m.Groups["who"].Index + m.Groups["who"].Length);
            if (!found.Any(f => Overlap(f.At, at))) found.Add(new Speaker("", m.Groups["who"].Value, at, true, IsReference: true) { Pending = true });
        }
        // "in what the Kremlin calls …", "fewer than the UN's tally": named, but not saying this.
        found.RemoveAll(f => f.At.Start - sentence.Start is var at and > 0 && NotSaying().IsMatch(s.AsSpan(0, at)));
        found.Sort((a, b) => a.At.Start.CompareTo(b.At.Start));
        return found;
    }

    // The author of a document that says so in its first line ("Summary of the Ministry of
    // Defence of …", "General Staff of the Armed Forces of Ukraine: operational information
    // …"): the speaker of whatever in it names no other.
    public static Speaker? OfDocument(string text, IReadOnlyList<Sentence> sentences)
    {
        foreach (var first in sentences.Take(2))
        {
            var line = first.Text(text);
            if (Author().Match(line) is { Success: true } m)
            {
                var who = m.Groups["who"].Success && m.Groups["who"].Length > 0 ? m.Groups["who"] : m.Groups["label"];
                if (NotAName().IsMatch(who.Value)) return null;
                return Named(text, first.Span.Start + who.Index, who.Length, "") is { } author ? author with { IsPerson = false } : null;
            }
            // A letterhead: the organisation's name alone on the first line.
            if (first.Headline && Letterhead().IsMatch(line) && IsOrganisation(line))
                return Named(text, first.Span.Start, first.Span.Length, "") is { } head ? head with { IsPerson = false } : null;
        }
        return null;
    }

    // "the First World War", "World War Two", "the Great Patriotic War" (not "Prisoners of War").
    static bool AWar(string name) => name.Contains("World War", StringComparison.Ordinal)
        || name.Split(' ') is [.., "Patriotic" or "Cold" or "Civil" or "Korean" or "Afghan" or "Chechen" or "Winter", "War"];

    // "Minister of Defence of the Russian Federation General of the Army Sergei Shoigu": a person after their offices, no organisation.
    // ("of the Red Cross", "for the Search of Missing Persons" end an organisation's name: joined to it, not titled by it).
    static bool TitledPerson(string name) => StripTitles(name, out var offices) is var person && offices.Length > 0 && person.Contains(' ')
        && !IsOrganisation(person) && offices[(offices.LastIndexOf(' ') + 1)..] is var last && char.IsUpper(last[0]) && last != "The";

    static bool Personal(string reference) => reference.Trim() is "He" or "he" or "She" or "she" || reference.StartsWith("Its ", StringComparison.Ordinal)
        || reference.StartsWith("its ", StringComparison.Ordinal) || reference.Trim() is "It" or "it";

    static bool Overlap(Span a, Span b) => a.Start < b.End && b.Start < a.End;

    // A named speaker from the words of a cue: people without their titles, organisations as written, without "the".
    static Speaker? Named(string text, int index, int length, string title)
    {
        var raw = text.Substring(index, length);
        var name = Trim(Capitalised(raw));
        // "Is Zelensky's figure right?": the question's opening word is no part of the name.
        if (name.IndexOf(' ') is var space and > 0 && NotAName().Match(name) is { Length: var opener } && opener == space && Opener().IsMatch(name))
            (name, index, length) = (name[(space + 1)..], index + space + 1, length - space - 1);
        // "Mediazona and the BBC Russian Service": the first named, as the article names who counts.
        if (name.IndexOf(" and the ", StringComparison.Ordinal) is var joined and > 0 && char.IsUpper(name[(joined + 9)..].FirstOrDefault()))
            (name, length) = (name[..joined], joined);
        // "International Day of the Disappeared", "Victory Day": a day, not a speaker.
        if (name.Split(' ').Contains("Day")) return null;
        // "the Minister said", "The Minister of Defence stated": a role alone is someone named before (Role), not a name.
        if (name.Split(' ') is var words && words.All(Titles.Contains) && words.Any(w => Context.PersonRoles.Contains(w.ToLowerInvariant())) && !IsOrganisation(name)) return null;
        // "the First World War", "World War Two": a war, not a speaker.
        if (AWar(name)) return null;
        if (EndsInDate().IsMatch(name)) return null;
        if (name.Length < 2 || !name.Any(char.IsUpper) && !Groups().IsMatch(name) && !Institution().IsMatch(name)) return null;
        var at = new Span(index, index + length);
        // "US President-elect Donald Trump", "NATO Secretary General Mark Rutte": a person after titles that name an organisation.
        if (StripTitles(name, out var office) is { } titled && office.Length > 0 && titled.Contains(' ') && !IsOrganisation(titled)
            && !Groups().IsMatch(titled) && titled.Split(' ').All(w => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower)))
            return new Speaker(titled, (title + " " + office).Trim(), at, true);
        if (IsOrganisation(name) || Groups().IsMatch(name) || Institution().IsMatch(name)) return new Speaker(Described(name), title.Trim(), at, false);
        var person = StripTitles(name, out var stripped);
        if (person.Length < 2) return null;
        // "Western estimates", "Independent counts": an adjective alone names nobody.
        if (!person.Contains(' ') && Adjective().IsMatch(person)) return null;
        // One capitalised word is an organisation ("Mediazona", "Kyiv says") unless it is the surname of a person the article names.
        if (!person.Contains(' ')) return new Speaker(person, (title + " " + stripped).Trim(), at, false, Single: true);
        return new Speaker(person, (title + " " + stripped).Trim(), at, true);
    }

    // "MS. SINGH", "DEPUTY PRESS SECRETARY SABRINA SINGH" (a transcript's labels) → "Ms. Singh", …; acronyms stay.
    static string Capitalised(string name)
    {
        if (!name.Contains(' ') || name.Any(char.IsLower)) return name;
        return string.Join(' ', name.Split(' ').Select(w => w.Length > 3 || w.EndsWith('.') && w.Length > 2 ? w[0] + w[1..].ToLowerInvariant() : w));
    }

    // "independent Russian outlet Mediazona" → "Mediazona": the capitalised name after the words that describe it.
    static string Described(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = Array.FindLastIndex(words, w => char.IsLower(w[0]) && w is not ("of" or "for" or "and" or "the" or "on" or "in" or "de" or "al"));
        return last >= 0 && last < words.Length - 1 && char.IsUpper(words[last + 1][0]) ? string.Join(' ', words.Skip(last + 1)) : name;
    }

    // Whether any word of the name is one that only organisations carry.
    public static bool IsOrganisation(string name)
    {
        foreach (var word in name.Split([' ', '-', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            if (Words.Organisation.Contains(word.TrimEnd('.', '\'', '’')) || word.Length >= 2 && word.Length <= 6 && word.All(char.IsUpper)) return true;
        return false;
    }

    static string Trim(string phrase)
    {
        phrase = Lead().Replace(phrase.Trim(), "");
        phrase = Based().Replace(phrase, "");
        phrase = phrase.TrimEnd('.', ',', ';', ':', ' ', '"', '\'', '”');
        phrase = Published().Replace(phrase, "");
        if (phrase.EndsWith("'s", StringComparison.Ordinal) || phrase.EndsWith("’s", StringComparison.Ordinal)) phrase = phrase[..^2];
        phrase = Acronym().Replace(phrase, "");
        // "the Center for Strategic and International Studies in Washington": where it is, not what it is called.
        phrase = Seat().Replace(phrase, "");
        return phrase.Trim();
    }

    // "Ukrainian President Volodymyr Zelenskyy" → "Volodymyr Zelenskyy", title "Ukrainian
    // President": the last run of capitalised words that are not titles.
    static string StripTitles(string name, out string title)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = words.Length;
        while (from > 0 && char.IsUpper(words[from - 1][0]) && !Titles.Contains(words[from - 1])) from--;
        if (from == words.Length) from = 0;
        title = string.Join(' ', words.Take(from));
        return string.Join(' ', words.Skip(from));
    }

    // What the sentences of one article have named so far: who "he", "the ministry" and "the report" refer to.
    public sealed class Context
    {
        readonly List<Speaker> named = [];
        readonly Dictionary<string, string> acronyms = new(StringComparer.Ordinal);

        // Reads the acronyms the article defines ("the Institute for the Study of War (ISW)") before its sentences.
        public Context(string text)
        {
            this.text = text;
            foreach (Match m in Defined().Matches(text))
                if (acronyms.Count < 100) acronyms.TryAdd(m.Groups["acr"].Value, Trim(m.Groups["full"].Value));
            // Capitalised words after "in", "at", "to" or "from" anywhere in the text are a place ("talks in Abu Dhabi"), not a person.
            var places = new HashSet<string>(StringComparer.Ordinal);
            // "the United States", "the White House": a name the article only ever writes after "the" is a place or a body, not a person.
            var afterThe = new HashSet<string>(StringComparer.Ordinal);
            var bare = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in FullName().Matches(text))
            {
                var start = m.Index;
                var lead = Text.Before(text, start, 5);
                // "President Volodymyr Zelenskyy's press conference": the name without its possessive.
                var value = m.Value.EndsWith("'s", StringComparison.Ordinal) || m.Value.EndsWith("’s", StringComparison.Ordinal) ? m.Value[..^2] : m.Value;
                if (lead.EndsWith("in ") || lead.EndsWith("at ") || lead.EndsWith("to ") || lead.EndsWith("from ") || lead.EndsWith("of ")) places.Add(value);
                var person = StripTitles(value, out var titles);
                if (titles is "The" or "the" || titles.Length == 0 && lead.EndsWith("the ")) afterThe.Add(person);
                else bare.Add(person);
                // "Joint Chiefs", "Prime Minister": titles alone name no one.
                if (People.Count < 300 && person.Contains(' ') && !person.Split(' ').All(Titles.Contains) && !IsOrganisation(person) && Parties.In(person) is null && !People.Contains(person)
                    && !NotAName().IsMatch(person) && !Weekday().IsMatch(person) && !person.Split(' ').Contains("Day") && !AWar(person)) People.Add(person);
            }
            People.RemoveAll(p => places.Contains(p) || afterThe.Contains(p) && !bare.Contains(p));
            // Unnamed officials the article groups one way only ("US officials put …" in the headline): what a bare "officials" means.
            var groupings = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in GroupedOfficials().Matches(text))
                if (groupings.Count < 3) groupings.Add(m.Groups["by"].Value.Replace("U.S.", "US"));
            if (groupings.Count == 1) officials = groupings.First() + " officials";
            // "CSIS study finds" in a headline over "the Center for Strategic and International Studies" in the body: the name it abbreviates,
            // spelled out with "and" as well as "of" and "for".
            foreach (Match m in Spelled().Matches(text))
                if (spelled.Count < 100 && Trim(m.Value) is var name && name.Contains(' ') && IsOrganisation(name) && !spelled.Contains(name)) spelled.Add(name);
            foreach (Match m in Organisation().Matches(text))
            {
                if (organisationsAt.Count >= 500) break;
                var name = Trim(m.Groups["who"].Value);
                if (!IsOrganisation(name) || NotAName().IsMatch(name) || TitledPerson(name)) continue;
                organisationsAt.Add((m.Index, m.Index + m.Length, name));
                if (organisations.Count < 100 && !organisations.Contains(name)) organisations.Add(name);
            }
            // Each person's mentions, their surname too when no other person shares it; a bounded number, read once.
            foreach (var person in People.Take(60))
            {
                var surname = person[(person.LastIndexOf(' ') + 1)..];
                var unique = People.Count(p => p.EndsWith(" " + surname, StringComparison.Ordinal)) == 1;
                for (var at = text.IndexOf(unique ? surname : person, StringComparison.Ordinal); at >= 0 && mentions.Count < 2000;
                     at = text.IndexOf(unique ? surname : person, at + 1, StringComparison.Ordinal))
                    mentions.Add((at, person));
            }
            mentions.Sort((a, b) => a.At.CompareTo(b.At));
            foreach (Match m in WithRole().Matches(text))
            {
                if (roles.Count >= 200) break;
                var person = m.Groups["who"].Success ? m.Groups["who"].Value : m.Groups["who2"].Value;
                if (People.Contains(person)) roles.Add((m.Index, m.Groups["role"].Success ? m.Groups["role"].Value : m.Groups["role2"].Value, person));
            }
        }

        readonly string text;

        public Speaker? LastPerson => named.LastOrDefault(s => s.IsPerson);

        // Whether a sentence ends between two places in the text (bounded: a few hundred characters are read at most).
        bool SentenceEnds(int from, int to)
        {
            if (to - from > 400) return true;
            var between = text.AsSpan(from, Math.Max(0, to - from));
            return between.Contains('\n') || between.Contains(". ", StringComparison.Ordinal) || between.Contains("? ", StringComparison.Ordinal)
                || between.Contains("! ", StringComparison.Ordinal) || between.Contains(".\" ", StringComparison.Ordinal) || between.Contains(".” ", StringComparison.Ordinal);
        }

        // People the article gives a role ("Vyacheslav Gladkov, the governor of …", "Governor Vyacheslav Gladkov"), where it does.
        readonly List<(int At, string Role, string Person)> roles = [];

        // The person the article names with role nearest to at, within about two sentences after it.
        Speaker? RoleNamedAround(string role, int at)
        {
            if (at < 0) return null;
            var best = roles.Where(r => r.Role.Equals(role, StringComparison.OrdinalIgnoreCase) && r.At > at && r.At - at < 600).OrderBy(r => r.At).FirstOrDefault();
            return best.Person is null ? null : new Speaker(best.Person, role, new Span(best.At, best.At + best.Person.Length), true);
        }

        // Where the article writes each person's full name or surname, in text order: "he said" is often the person last
        // written about, who need not have spoken before ("Zelenskyy went on to give Kyiv's estimate …, he said").
        readonly List<(int At, string Person)> mentions = [];

        // The person last named as a speaker, or the person last written about before at if nearer.
        Speaker? Nearer(Speaker? speaker, int at)
        {
            if (at < 0) return speaker;
            var i = mentions.FindLastIndex(m => m.At < at);
            if (i < 0) return speaker;
            var (mentionedAt, person) = mentions[i];
            if (speaker is not null && (speaker.At.Start >= mentionedAt || speaker.Name == person)) return speaker;
            // "Umerov says Kyiv proposed a meeting with Putin. He described the talks as …": a sentence's speaker goes on in the next, not
            // someone it mentioned; the person written about wins only in the sentence of the "he" itself.
            if (speaker is not null && speaker.At.End <= mentionedAt && !SentenceEnds(speaker.At.End, mentionedAt) && SentenceEnds(mentionedAt, at)) return speaker;
            return new Speaker(person, "", new Span(mentionedAt, mentionedAt + person.Length), true);
        }

        // The organisations the article names, in text order, whether or not they speak where they are named; and where.
        readonly List<string> organisations = [];
        readonly List<(int At, int End, string Name)> organisationsAt = [];
        readonly List<string> spelled = [];
        string? officials;

        // Every full name of a person the article writes ("Colonel General Sergei Rudskoy"), for a surname said alone.
        public List<string> People { get; } = [];

        // The name a new mention stands for: the full name or organisation given before, when it abbreviates or shortens one.
        public Speaker Canonical(Speaker s)
        {
            if (s.IsReference) return s;
            // Round 13: "Two US officials" are the article's "US officials": how many spoke is no part of who they are.
            if (!s.IsPerson && HowMany().Match(s.Name) is { Success: true } many && many.Length < s.Name.Length) s = s with { Name = s.Name[many.Length..] };
            if (s.Name == "officials" && officials is not null) return s with { Name = officials };
            if (acronyms.TryGetValue(s.Name, out var full)) s = s with { Name = full, IsPerson = false };
            // "CSIS" where the article wrote "Center for Strategic and International Studies" without defining it.
            else if (IsAcronym(s.Name) && s.Name.Length >= 3 && !named.Any(n => Shortens(s, n))
                     && organisations.Concat(this.spelled).FirstOrDefault(o => Initials(o) == s.Name.Replace(".", "")) is { } spelled)
                return s with { Name = spelled, IsPerson = false };
            // "KIRBY: Yes. …": a transcript's label in capitals is the person of that surname the article names.
            else if (s.Name.Length > 2 && s.Name.All(c => char.IsUpper(c) || c is '-' or '’' or '\'')
                     && People.FirstOrDefault(p => p.EndsWith(" " + s.Name, StringComparison.OrdinalIgnoreCase)) is { } called)
                return s with { Name = called, IsPerson = true };
            // "the Red Cross" after "the International Committee of the Red Cross": the end of an organisation's name the article gave.
            if (s.IsPerson && organisations.FirstOrDefault(o => o.EndsWith(" of the " + s.Name, StringComparison.Ordinal)) is { } org)
                return s with { Name = org, IsPerson = false };
            // "U.N. monitors" for the "U.N. Human Rights Monitoring Mission in Ukraine" the article names: the body the group works for.
            if (!s.IsPerson && s.Name.LastIndexOf(' ') is var gap and > 0 && s.Name[(gap + 1)..] is "monitors" or "observers" or "investigators"
                && s.Name[..gap] is var from && s.Name[(gap + 1)..^3] is var stem
                && organisations.FirstOrDefault(o => o.StartsWith(from + " ", StringComparison.Ordinal)
                    && o.Split(' ').Any(w => w.StartsWith(char.ToUpperInvariant(stem[0]) + stem[1..], StringComparison.Ordinal))) is { } body)
                return s with { Name = body };
            if (s.Single && (People.FirstOrDefault(p => p.EndsWith(" " + s.Name, StringComparison.Ordinal))
                ?? named.LastOrDefault(n => n.IsPerson && n.Name.EndsWith(" " + s.Name, StringComparison.Ordinal))?.Name) is { } person)
                return s with { Name = person, IsPerson = true };
            for (var i = named.Count - 1; i >= 0; i--)
                if (Shortens(s, named[i])) return s with { Name = named[i].Name, Title = s.Title.Length > 0 ? s.Title : named[i].Title, IsPerson = named[i].IsPerson };
            // "According to the Coordination Headquarters" after "The Coordination Headquarters for the Treatment of Prisoners of War held …",
            // "the General Staff" after "Ukraine's General Staff": the full name the article first gave, where no speaker gave it.
            if (!s.IsPerson && !IsAcronym(s.Name) && organisations.FirstOrDefault(o => o.Length > s.Name.Length
                    && (o.StartsWith(s.Name + " ", StringComparison.Ordinal) || o.EndsWith(" " + s.Name, StringComparison.Ordinal))) is { } whole)
                return s with { Name = whole };
            return s;
        }

        // A name the article has just used, kept as the latest of its kind; only the 200 latest are looked back on.
        public void Saw(Speaker s)
        {
            if (s.IsReference) return;
            named.RemoveAll(n => n.Name == s.Name);
            named.Add(s);
            if (named.Count > 200) named.RemoveAt(0);
        }

        // Who a reference means: a pronoun the last person, "the ministry" the last
        // organisation that is a ministry, else the last organisation.
        public Speaker? Resolve(string reference, int at = -1)
        {
            var words = reference.ToLowerInvariant().Replace("’", "'").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return null;
            if (words[0] is "he" or "she" or "his" or "her") return Nearer(LastPerson, at);
            if (words[0] is "it" or "its")
            {
                var spoken = named.LastOrDefault(n => !n.IsPerson);
                // "Russia's Defence Ministry last gave a toll on March 25, when it said …": the organisation last named, speaking or not,
                // when it was named after the last one that spoke (and within a few sentences).
                var last = at < 0 ? default : organisationsAt.LastOrDefault(m => m.End <= at && at - m.End < 400);
                // Not one named in an aside of the sentence that named the last speaker ("the Commission, a body mandated by the UN Human
                // Rights Council, concluded … Its report found"); and a country speaking ("dismissed Moscow's figures. Its own count") yields.
                return last.Name is not null && (spoken is null || spoken.At.End <= last.At && SentenceEnds(spoken.At.End, last.At)
                        || spoken.Single && Parties.In(spoken.Name) is not null && !spoken.Name.Equals(last.Name, StringComparison.Ordinal))
                    ? Canonical(new Speaker(last.Name, "", new Span(last.At, last.End), false))
                    : spoken;
            }
            if (words[^1] is var role && PersonRoles.Contains(role))
                return named.LastOrDefault(n => n.IsPerson && n.Title.Contains(role, StringComparison.OrdinalIgnoreCase))
                    // "…, the regional governor said. Vyacheslav Gladkov, the governor of the Belgorod region, …": named just after.
                    ?? RoleNamedAround(role, at) ?? LastPerson
                    // "… Pavel Orlov gave an interview. "…," the Minister said": with no one yet speaking, the person last written about.
                    ?? Nearer(null, at);
            var head = words.Where(w => w is not ("the" or "its" or "their" or "same" or "this" or "that" or "these" or "those" or "new" or "latest"
                or "british" or "ukrainian" or "russian" or "american" or "us" or "western" or "agency's" or "report's" or "study's")).LastOrDefault() ?? words[^1];
            // A country named as a speaker ("Kyiv says") is not what "it" or "the report" refers to when an organisation was named.
            var organisations = named.Where(n => !n.IsPerson && !(n.Single && Parties.In(n.Name) is not null)).ToList();
            if (organisations.Count == 0) organisations = named.Where(n => !n.IsPerson).ToList();
            // "the CSIS study", "the ISW assessment": the organisation the capitalised word names or abbreviates.
            foreach (var word in reference.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                // "The Ukrainian military": a nationality names no one ("Ukrainian air force" is not meant by it).
                if (word.Length > 1 && char.IsUpper(word[0]) && word is not ("The" or "Its" or "Their" or "This" or "These" or "Those") && !Adjective().IsMatch(word)
                    && organisations.LastOrDefault(n => n.Name.Contains(word, StringComparison.Ordinal) || IsAcronym(word) && Shortens(new Speaker(word, "", default, false), n)) is { } meant)
                    return meant;
            // "they said" after "the officials said" and a ministry named in passing: the officials, when a group was among the last three named.
            if (head is "they" && organisations.TakeLast(3).LastOrDefault(n => Groups().IsMatch(n.Name)) is { } group) return group;
            if (head is "they" or "officials" or "sources" or "analysts")
                return organisations.LastOrDefault(n => n.Name.EndsWith(head, StringComparison.OrdinalIgnoreCase)) ?? organisations.LastOrDefault();
            return organisations.LastOrDefault(n => n.Name.Contains(head, StringComparison.OrdinalIgnoreCase))
                ?? (Documents.Contains(head) ? organisations.LastOrDefault() : null)
                ?? organisations.LastOrDefault(n => Kin(head, n.Name));
        }

        internal static readonly HashSet<string> PersonRoles = ["president", "minister", "commander", "general", "spokesman", "spokeswoman", "spokesperson",
            "mayor", "governor", "ombudsman", "commissioner", "chief", "envoy", "negotiator", "colonel", "admiral", "secretary", "chancellor", "premier"];

        // What an organisation publishes: "the report said" is its publisher speaking.
        static readonly HashSet<string> Documents = ["report", "study", "analysis", "assessment", "authors", "researchers", "update", "briefing",
            "statement", "summary", "survey", "paper", "estimate", "count", "tally", "project", "team", "institute", "think", "tank", "centre", "center",
            "outlet", "agency", "mission", "monitors", "group", "organisation", "organization", "service", "office", "bulletin", "data", "figures",
            "statisticians", "experts", "volunteers", "journalists", "investigators", "analysts", "tracker", "model", "documents", "papers"];

        static bool Kin(string head, string name) => (head, name.ToLowerInvariant()) switch
        {
            ("ministry", var n) => n.Contains("defence") || n.Contains("defense") || n.Contains("mod"),
            ("staff" or "military", var n) => n.Contains("staff") || n.Contains("forces") || n.Contains("army"),
            ("intelligence", var n) => n.Contains("intelligence") || n.Contains("defence") || n.Contains("defense") || n.Contains("mod"),
            _ => false,
        };

        // Whether s shortens earlier: a surname, an acronym, or some of its words.
        static bool Shortens(Speaker s, Speaker earlier)
        {
            if (s.Name == earlier.Name) return false;
            if (s.IsPerson && earlier.IsPerson) return earlier.Name.EndsWith(" " + s.Name, StringComparison.Ordinal);
            if (s.IsPerson != earlier.IsPerson && !IsAcronym(s.Name)) return false;
            // "HRMMU" for the "United Nations Human Rights Monitoring Mission in Ukraine", "NIS" for "South Korea's National Intelligence Service".
            if (IsAcronym(s.Name)) return Initials(earlier.Name) is var initials && (initials == s.Name || s.Name.Length >= 3 && initials.Length > s.Name.Length
                    && (initials.EndsWith(s.Name, StringComparison.Ordinal) || initials.StartsWith(s.Name, StringComparison.Ordinal)))
                || earlier.Title.Contains($"({s.Name})", StringComparison.Ordinal);
            var mine = Significant(s.Name);
            var theirs = Significant(earlier.Name);
            return mine.Count > 0 && mine.Count < theirs.Count && mine.All(theirs.Contains) && !mine.SetEquals(theirs);
        }

        static bool IsAcronym(string name) => name.Length is >= 2 and <= 7 && name.All(c => char.IsUpper(c) || c == '.');

        static string Initials(string name) =>
            string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));

        static HashSet<string> Significant(string name) =>
            name.ToLowerInvariant().Replace("’", "'").Replace("'s", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w is not ("the" or "of" or "for" or "and" or "in")).Select(w => w == "defense" ? "defence" : w).ToHashSet();
    }

    // A name: capitalised words joined by "of", "for", "and", "the", "on", "in"; or a group ("US officials") ending in a lowercase head noun.
    const string Name = @"(?:[A-Z][\w'’.&-]*|(?:defen[cs]e|ministry|intelligence|officials?|analysts|staff|monitors|spokes(?:person|man|woman)|mayor|governor|"
        + @"president|minister|mission|outlet|agency|service|army|command|office|head|chief|commander|commissioner|ombudsman|researchers|"
        + @"independent|military|human|rights|monitoring|general|senior|think|tank|tracker|project|governor|envoy|adviser|aide|sources?|"
        + @"delegation|negotiator|leader|counterpart|authorities|government|lead|top|deputy|former|foreign|prime|national|security|council|intelligence|regional|city|local|district|oblast|acting|first|military|civil|state|emergency|emergencies|interior|air|force|navy|border|guard|police|"
        // Round 12: the lowercase words inside a body's name ("Ukraine's southern command", "the Directorate of Ukraine's armed forces").
        + @"armed|southern|northern|eastern|western|central|operational|joint|territorial|naval|strategic)(?=\s))";

    // What stands for someone named before: "the ministry", "its authors", "the same officials", "the think tank".
    const string ReferenceNouns = "mission|ministry|agency|report|institute|outlet|officials|think tank|update|intelligence service|service|project|"
        + "[Gg]eneral [Ss]taff|monitors|authors|study|researchers|analysis|team|assessment|briefing|statement|summary|data|figures|estimates?|group|"
        + "military|department|army|command|tracker|government|office|statisticians|analysts|experts|volunteers|journalists|investigators|count|"
        + "tally|paper|survey|model|documents|papers";

    const string Joined = @"(?:(?:of|for|and|the|on|in|de|al)\s+){0,2}";

    // The last word of a speaker's name: capitalised, or the head noun of a group or an organisation.
    const string Head = @"(?:(?!(?:" + Words.Weekdays + "|" + Words.Months + @")\b)[A-Z][\w'’.&-]*|ministry|intelligence|officials?|analysts|staff|monitors|mission|outlet|agency|service|command|researchers|"
        + @"authorities|government|sources?|report|study|authors|institute|think tank|tracker|project|office|commissioner|ombudsman|statisticians|experts|volunteers|force|forces|navy|guard|police|council|documents)";

    // "according to (figures from) the Center for Strategic and International Studies", "according to the report", "according to Zelenskyy".
    [GeneratedRegex(@"\b[Aa]ccording to\s+(?:(?:the\s+|[A-Z]\w+['’]s\s+)?(?:latest\s+|new\s+|recent\s+|official\s+|updated\s+|confidential\s+|internal\s+|classified\s+|intelligence\s+|unpublished\s+)?(?:daily\s+|morning\s+|evening\s+|weekly\s+)?(?:(?:US|U\.S\.|UK|[A-Z][a-z]+(?:an|ish|ese))\s+(?:government\s+|intelligence\s+|military\s+|official\s+)?)?(?:estimates?|figures?|data|numbers|counts?|tallies|tally|a (?:new\s+)?(?:report|study|count|tally|analysis)|reports?|studies|stud(?:y|ies)|an assessment|assessments?|an estimate|calculations?|an analysis|analysis|updates?|bulletins?|briefings?|summary|statements?)\s+(?:(?:released|published|compiled|issued|made|produced|described|cited|shared|seen|reviewed)\s+(?:\w+\s+){0,3}?)?(?:from|by|of)\s+)?(?<who>(?:the\s+|those\s+|these\s+)?(?:same\s+)?(?:" + Name + @"\s+" + Joined + @"){0,9}(?:" + Head + @"|he|she|they|him|her|them|estimates))", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex According();

    // "according to Russia's defence minister, Sergei Shoigu,", "according to the mission's head, Danielle Bell,": a role, then the person holding it.
    // Round 12, a second reader: the name is set off as an appositive, by a comma or the sentence's end: "According to the mayor, Kryvyi Rih on Friday buried …"
    // goes on with the sentence's subject, a place.
    [GeneratedRegex(@"\b[Aa]ccording\s+to\s+(?<title>(?:the\s+|[A-Z][\w.]*['’]s\s+)(?:[\w-]+\s+){0,3}?(?:president|minister|commander(?:-in-chief)?|general|spokes(?:man|woman|person)|mayor|governor|ombudsman|commissioner|chief|head|envoy|negotiator|secretary|director|adviser|aide)),\s+(?<who>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})(?=,|[.;](?!\w))", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex AccordingToRoleNamed();

    // "X's figure", "the ministry's latest estimate", "Mediazona's count"; round 13: "General X's remark that …", "the adviser's statement".
    // A second reader: a remark or statement only with what it said after it ("that", ":"); "asked about X's remarks" is what another answers.
    [GeneratedRegex(@"(?<who>(?:(?:the\s+)?(?:[A-Z][\w.&-]*\s+" + Joined + @"){0,5})[A-Z][\w.&-]*)['’]s\s+(?:latest\s+|own\s+|new\s+|updated\s+|running\s+|daily\s+|official\s+|most\s+recent\s+|morning\s+|evening\s+|weekly\s+|monthly\s+|regular\s+|annual\s+|intelligence\s+|operational\s+)?(?:figures?|estimates?|count|tally|assessment|data|report|update|summary|calculations?|numbers|(?:remarks?|statements?|claims?|admission|comments?)(?=(?:\s+[\w-]+){0,3}?\s+that\b|\s*:))\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Possessive();

    // "…, said Kremlin spokesperson Dmitry Peskov", "…, writes Mediazona", "told Kyiv mayor Vitali Klitschko" is not one: only at a clause's end.
    [GeneratedRegex(@"(?:^|[,;—–-]\s*|[""”]\s*)(?:said|says|say|told|wrote|writes|warned|added|estimated|reported|claimed)\s+(?<title>(?:(?!on\b|in\b|at\b|by\b|for\b|that\b|it\b|he\b|she\b|they\b|reporters\b)[A-Za-z'’.-]+\s+){0,4}?)(?<who>(?:[A-Z][\w'’.-]+\s+){0,5}[A-Z][\w'’.-]+)\s*(?:[,.;:]|$|\s+(?:in|on|at|during|after|when|while|who|which|adding)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Inverted();

    // "Ukraine's General Staff says", "US officials said", "Rustem Umerov, who heads Ukraine's delegation, said", "Kyiv mayor Vitali Klitschko says".
    [GeneratedRegex(@"(?<who>(?:(?:[Tt]he|[Aa]|[Aa]n)\s+)?(?:" + Name + @"\s+" + Joined + @"){0,9}?" + Head + @")(?:\s*\([A-Z][\w.]{1,9}\))?(?:\s+in\s+" + Cities + @")?(?:,\s+(?=[a-z])(?<role>[^,;""“]{1,140}),|,\s+(?:an?|the)\s+[a-z][^,;""“]{0,80}?\b(?:that|which|who|whose)\b[^;""“]{1,160}?,|,\s+(?:which|who)\s+[a-z][^;""“]{1,160}?,)?\s+(?:(?:has|have|had|also|now|earlier|previously|separately|again|later|then|itself|first|last|this\s+\w+|on\s+\w+day|in\s+a\s+\w+|on\s+X|in\s+an\s+\w+|recently|publicly|separately)\s+){0,3}(?:" + Words.Saying + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Subject();

    // "the report said", "its authors note", "the same officials put": someone already named.
    [GeneratedRegex(@"(?:^|[,;""”]\s*|\b)(?<who>(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hese)\s+(?:same\s+|new\s+|latest\s+|own\s+|\w+['’]s\s+)?(?:[A-Z]\w+\s+)?(?:" + ReferenceNouns + @"))(?:['’]s\s+(?:\w+\s+){0,2}(?:update|report|figures?|estimates?|count))?(?:,\s+(?:published|released|issued|updated|compiled)\s[^,;""“]{1,80},)?\s+(?:(?:has|have|had|also|now|further|then|again|said|noted)\s+)*(?:" + Words.Saying + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex ReferredTo();

    // "Mariupol's mayor, Vadym Boychenko, says", "Russia's defence minister, Sergei Shoigu, said": a name set off by commas before the verb.
    [GeneratedRegex(@"(?<role>\b(?:[A-Z][\w'’-]*\s+){0,3}(?:[a-z-]+\s+){0,3}[\w'’-]+(?:\s+(?:for|of)\s+(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)?),\s+(?<who>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+),\s+(?:(?:has|had|also|then|later)\s+)?(?:" + Words.Saying + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Appositive();

    // "a claim by Russia's defence minister, Sergei Shoigu", "an estimate from the Pentagon", "figures released by the UN".
    [GeneratedRegex(@"\b(?:claims?|estimates?|figures?|counts?|tally|tallies|assessments?|statements?|reports?|calculations?|numbers|data|investigations?|stud(?:y|ies)|analysis|review)(?:\s+(?:came|comes|come)|,)?\s+(?:(?:released|published|compiled|issued|given|made|cited|offered|kept|maintained|run|provided|produced|prepared|collected|drawn\s+up|carried\s+out|conducted)\s+(?:(?:on|last|this|in)\s+\w+\s+)?)?(?:by|from)\s+(?:(?:[A-Z]\w*['’]s\s+)?(?:[a-z-]+\s+){0,3}[a-z-]+,\s+(?=[A-Z]))?(?<who>(?:the\s+)?(?:" + Name + @"\s+" + Joined + @"){0,9}" + Head + @")", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex ClaimBy();

    // An organisation or a person, then a relative clause that states the count: "X, which has verified", "X, who puts".
    [GeneratedRegex(@"(?<who>(?:(?:[Tt]he)\s+)?(?:" + Name + @"\s+" + Joined + @"){0,9}?" + Head + @")(?:\s*\([A-Z][\w.]{1,9}\))?,\s+(?:which|who)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|now\s+|so\s+far\s+)?(?:verified|recorded|counted|documented|registered|confirmed|estimated|estimates|puts?|reported|identified|tallied|publishes|published|keeps|compiles|maintains|tracks)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Relative();

    // "General Mark Milley, chairman of the US Joint Chiefs of Staff, who told the Economic Club …", "by adviser Mykhailo Podolyak, who said": a person (and
    // their role), then what they said.
    [GeneratedRegex(@"(?<![\w'’.-])(?<who>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})(?:,\s+(?:the\s+|a\s+|an\s+)?[a-z][^,;""“]{1,120})?,\s+who\s+(?:(?:has|had|also|then|later)\s+)?(?:told|said|says|estimated|put|puts|claimed|gave)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex RoleThenWho();

    // "the president said", "the commander told reporters": a person named before, by their role.
    [GeneratedRegex(@"\b(?<who>[Tt]he\s+(?:[\w'’-]+\s+){0,2}?(?:[Pp]resident|[Mm]inister|[Cc]ommander|[Gg]eneral|spokesman|spokeswoman|spokesperson|[Mm]ayor|[Gg]overnor|ombudsman|commissioner|chief|envoy|negotiator|colonel|admiral|secretary|chancellor|premier))\s+(?:(?:has|have|had|also|later|then|again|further)\s+)?(?:" + Words.Saying + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Role();

    [GeneratedRegex(@"^[Tt]he\s+(?:[\w'’-]+\s+){0,2}?(?:[Pp]resident|[Mm]inister|[Cc]ommander|[Gg]eneral|[Mm]ayor|[Gg]overnor|spokes(?:man|woman|person))\s*$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex RoleOnly();

    // "Vyacheslav Gladkov, the governor of the Belgorod region", "Mayor Ihor Terekhov": a person and the role the article gives them.
    [GeneratedRegex(@"(?<who>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}),\s+(?:the|its|a)\s+(?:[\w'’-]+\s+){0,3}?(?<role>president|minister|commander|general|spokesman|spokeswoman|spokesperson|mayor|governor|ombudsman|commissioner|chief|envoy|negotiator)\b|\b(?<role2>President|Minister|Commander|General|Spokesman|Spokeswoman|Mayor|Governor|Ombudsman|Commissioner|Chief|Envoy|Negotiator|mayor|governor)\s+(?<who2>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex WithRole();

    [GeneratedRegex(@"\b(?<who>(?:people|sources|officials|two people|three people|a person|one person)\s+(?:familiar\s+with|briefed\s+on|close\s+to|with\s+knowledge\s+of)\s+(?:the\s+)?[a-z]+)(?=[\s,.;])", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Anonymous();

    // Someone whose words an outlet carries: "US officials quoted by The New York Times", "that Western officials gave to Reuters".
    [GeneratedRegex(@"(?<![\w'’.-])(?<who>(?:[A-Z][\w'’.-]*\s+){0,3}(?:officials|sources|diplomats|analysts|(?:[A-Z][\w'’.-]*)))\s+(?:(?:quoted|cited|interviewed)\s+by|(?:gave|provided|told|leaked)(?:\s+[\w-]+){0,3}?\s+to)\s+(?:the\s+|The\s+)?(?<outlet>(?:[A-Z][\w'’.-]*\s*){1,4})", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Relayed();

    // The adjective that groups unnamed officials, just before them: "Western", "US", "Ukrainian".
    [GeneratedRegex(@"\b(?<by>Western|US|U\.S\.|American|British|European|NATO|Ukrainian|Russian|Kremlin|Pentagon|German|French|Polish|South Korean|Israeli|Baltic)\s+$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex GroupedBy();

    [GeneratedRegex(@"\b(?<by>Western|US|U\.S\.|UK|EU|NATO|Kremlin|Pentagon|French|Israeli|[A-Z][a-z]+(?:an|ish|ese))\s+(?:government\s+|intelligence\s+|defen[cs]e\s+|military\s+|administration\s+|security\s+)?officials\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex GroupedOfficials();

    [GeneratedRegex(@"^(?:Western|Independent|American|British|European|Ukrainian|Russian|German|French|Polish|Israeli|Baltic|Official|Unofficial|Other|Many|Some|Most|Several|Both|Recent|Earlier|Later|Latest|Local|Regional|Foreign|Military|Civilian)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Adjective();

    [GeneratedRegex(@",\s+(?:saying|adding|telling\s+\w+|writing|claiming|estimating|noting)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Participle();

    // "A senior Russian commander said", "a Pentagon spokesman told reporters": someone not yet named.
    [GeneratedRegex(@"\b(?<who>[Aa]n?\s+(?:(?:senior|top|high-ranking|leading|Western|US|American|British|Ukrainian|Russian|European|NATO|Pentagon|Kremlin|military|intelligence|defence|defense|government|regional)\s+){0,3}(?:commander|general|official|officer|spokesman|spokeswoman|spokesperson|minister|aide|adviser|advisor|diplomat))\s+(?:(?:has|had|also)\s+)?(?:said|says|told|estimated|claimed)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Indefinite();

    // "a declassified US intelligence assessment put …", "classified US intelligence documents": a document speaks for the service that wrote it.
    [GeneratedRegex(@"(?<![\w'’.-])(?<who>(?:[A-Z][\w.'’-]*\s+){1,2}(?:military\s+|defen[cs]e\s+)?intelligence)\s+(?:assessments?|estimates?|reports?|documents?|analysis|analyses|briefings?|findings|figures|data)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Publication();

    // "An Associated Press investigation later concluded …", "a Reuters count found …": the inquiry speaks for whoever made it.
    [GeneratedRegex(@"\b(?:[Aa]n?|[Tt]he|[Aa]nother)\s+(?<who>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+(?:[a-z]+\s+)?(?:investigation|inquiry|study|analysis|review|survey|count|tally)\s+(?:(?:later|also|has|had|have|recently|now|subsequently)\s+)?(?:concluded|found|finds|estimated|counted|put|puts|says|said|showed|shows|suggested|suggests|determined)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Inquiry();

    // A live blog's line that opens with a local official and a colon: "Odesa mayor Hennadiy Trukhanov: three people were hurt …".
    [GeneratedRegex(@"^(?<title>(?:[A-Z][\w'’.-]*\s+){1,2}(?:regional\s+|city\s+|military\s+)?(?:governor|mayor|ombudsman|spokesman|spokeswoman|spokesperson|minister|commander|chief|head|prosecutor))\s+(?<who>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+):\s", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex RoleLabel();

    // What a count was drawn from, not who gives it: "based on accounts from survivors and people familiar with …".
    [GeneratedRegex(@"\b(?:based\s+on|accounts\s+(?:from|of|by)|interviews\s+with|testimon(?:y|ies)\s+(?:from|of)|drawing\s+on|drew\s+on|relying\s+on)\b[^.;]{0,120}$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Material();

    // "…, he said" / "She told reporters" / "they estimated".
    [GeneratedRegex(@"\b(?<who>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:(?:has|have|had|also|later|then|again|further)\s+)?(?:" + Words.Saying + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Pronoun();

    // A label opening a paragraph: an interviewee ("Zelenskyy: …") or a document's author ("General Staff of the Armed Forces of Ukraine: …",
    // "Ukraine's General Staff, morning update: …"). Round 12: after a live blog's time stamp ("08:10 — ", "14.05 "), and with or
    // without the comma before what it publishes ("Ukraine's General Staff update: …").
    [GeneratedRegex(@"^(?:" + Text.Clock + @"\s*(?:[—–-]\s*)?)?(?<who>(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){0,8}[A-Z][\w'’.&-]*)(?:,\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}|\s+(?:morning\s+|evening\s+|daily\s+|latest\s+|operational\s+)?(?:update|report|summary|bulletin|briefing|statement))?:\s", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){0,8}[A-Z][\w'’.&-]*$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Letterhead();

    // A document's first line naming its author: "Summary of the Ministry of Defence of the Russian Federation on …", "X: operational update".
    [GeneratedRegex(@"^(?:(?:Daily\s+|Operational\s+|Official\s+)?(?:Summary|Statement|Report|Update|Briefing|Bulletin|Communiqu[eé]|Press release|Press service|Press office|Information)\s+(?:of|from|by)\s+(?:the\s+)?(?<who>(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){0,8}[A-Z][\w'’.&-]*)|(?:The\s+)?(?<label>(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){0,8}[A-Z][\w'’.&-]*)(?::\s+(?:[a-z]|Daily|Operational|Update|Summary|Report|(?:[A-Z][\w'’-]*\s+){1,3}(?:combat\s+)?(?:losses|casualties)\b)|\s+(?:daily\s+)?(?:report|summary|update|briefing|statement)\s+on\b|\s+(?:informs|reports|announces|states):))", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Author();

    // A reference standing for a name: "the report", "he", "the officials".
    [GeneratedRegex(@"^(?:the|its|their|this|these|those)\s+(?:(?:same|new|latest|\w+['’]s)\s+)?(?:[A-Za-z]\w+\s+)?(?:" + ReferenceNouns + @")$|^(?:he|she|they|it|him|her|them)$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Reference();

    // ", citing a confidential Ukrainian estimate,": an aside between commas that says where a figure came from, not an office.
    // ", in an interview with Russian journalists,", ", asked about losses,": where or when it was said, not an office either.
    [GeneratedRegex(@"^\s*(?:citing|quoting|according|referring|speaking|writing|adding|saying|drawing|relying|in|on|at|during|after|before|when|while|asked|answering|responding|replying|interviewed|visiting|addressing|appearing|talking)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Aside();

    // Capitalised words that open a sentence without naming anyone: dates, pronouns, conjunctions, page furniture.
    [GeneratedRegex(@"^(?:" + Words.Weekdays + "|" + Words.Months + @"|It|This|That|These|Those|There|What|When|Which|Who|But|And|Yet|So|Some|Many|Most|Both|All|One|Others?|A|An|The|In|On|At|By|As|If|Asked|Speaking|Earlier|Later|Meanwhile|However|Afterwards|Afterward|Citing|Quoting|Separately|Subsequently|Previously|Initially|Finally|Instead|Overnight|Plus|Infographic|To|For|From|With|After|Before|Since|During|Under|Over|While|Although|Despite|According|Q|A|Update|Updated|Note|Editor|Read|Photo|Source|Sources|Image|Video|Watch|Listen|Share|Related|Advertisement|Key|Summary|Analysis|Opinion|Breaking|Live|Latest|Exclusive|Explainer|Fact|Fact-check|Verdict|Claim|Context|Background|Why|How|Where|Our|We|You|I|Credit|Credits|Photograph|Caption|Getty|Pictured|Contact|Email|Follow|Subscribe|Copyright|Personnel|Manpower|Tanks|Aircraft|Helicopters|Artillery|Drones|Losses|Total|Note|Breaking|Updated|Should|Could|Would|Will|Can|Does|Do|Did|Is|Are|Was|Were|Has|Have|Had|May|Might|Must|Shall|Today|Yesterday|Tonight|Now|CLAIM|VERDICT|RATING|CONTEXT|FACTS?|BACKGROUND|UPDATE|SUMMARY|THE\s+FACTS|WHAT\s+WE\s+FOUND)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"^(?:Is|Are|Was|Were|Does|Do|Did|Has|Have|Had|Should|Could|Would|Will|Can|May|Might|Must|Shall|Today|Yesterday|Tonight|Now)\s", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Opener();

    [GeneratedRegex(@"\b(?:what|than)\s+(?:the\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex NotSaying();

    // Groups that speak without a capitalised name: "US officials", "Western officials", "analysts".
    [GeneratedRegex(@"\b(?:\w+\s+)(?:ministry|agency|office|council|mission|army|military|government|command|service|staff)$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Institution();

    [GeneratedRegex(@"\b(?:officials|analysts|sources|monitors|researchers|authorities)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Groups();

    // "the Center for Strategic and International Studies (CSIS)": a name and the acronym it goes by.
    [GeneratedRegex(@"(?<![\w'’.&-])(?<full>(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){1,9}[A-Z][\w'’.&-]*)\s*\((?<acr>[A-Z][A-Za-z.]{1,8})\)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Defined();

    // A name spelled out in capitalised words joined by "of", "for", "and", "the", "on", "in": what an acronym may abbreviate.
    [GeneratedRegex(@"(?<![\w'’.&-])(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|on|in)\s+){0,2}){1,9}[A-Z][\w'’&-]*", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Spelled();

    // Two to four capitalised words: a person's full name, perhaps after a title.
    [GeneratedRegex(@"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,6}\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex FullName();

    // An organisation's name as written: "Ukraine's General Staff", "Coordination Headquarters for the Treatment of Prisoners of War".
    // An organisation's name: a capitalised word, then further ones joined by of, for, the, on, in (its last group, which
    // the patterns below give their own count).
    const string OrganisationWords = @"(?:(?:[A-Z]\.){2,}|[A-Z][\w&-]*)(?:['’]s(?=[ \u00A0][A-Z]))?(?:[ \u00A0](?:(?:of|for|the|on|in)[ \u00A0]){0,2}(?:(?:[A-Z]\.){2,}|[A-Z][\w&-]*)(?:['’]s(?=[ \u00A0][A-Z]))?)";

    // Only from a word's start (a long capitalised run is tried once, not from each of its letters).
    [GeneratedRegex(@"(?<![\w&.'’-])(?<who>(?:(?:Ukraine|Russia|Britain|Kyiv|Moscow|South[ \u00A0]Korea|America)['’]s[ \u00A0])?" + OrganisationWords + @"{1,9})", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Organisation();

    // The organisation a sentence opens with, saying or not: "Ukraine's Office of the Prosecutor General keeps a running tally …".
    // Round 13: or set off by a comma ("Mediazona, an independent outlet, has kept …"); the word boundary once after both kept the comma from matching.
    [GeneratedRegex(@"^(?:The\s+)?(?<who>(?:(?:Ukraine|Russia|Britain|Kyiv|Moscow|South\s+Korea|America)['’]s\s+)?" + OrganisationWords + @"{0,9})(?:\s*\([A-Z][\w.]{1,9}\))?(?:,(?=\s)|\s+(?:[a-z]+\s+){0,2}(?:keeps|publishes|counts|tracks|compiles|has|had|is|was|records|maintains|releases|issues|updates|verifies|monitors|estimates)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Opening();

    // The organisation a sentence opens with, named though it may not say anything there: whom a later "it" may mean.
    public static Speaker? OpenedBy(string text, Span sentence)
    {
        var s = text.AsSpan(sentence.Start, Math.Min(sentence.Length, 300)).ToString();
        if (Opening().Match(s) is not { Success: true } m) return null;
        var name = Trim(m.Groups["who"].Value);
        if (TitledPerson(name)) return null;
        return IsOrganisation(name) && !NotAName().IsMatch(name)
            ? new Speaker(name, "", new Span(sentence.Start + m.Groups["who"].Index, sentence.Start + m.Groups["who"].Index + m.Groups["who"].Length), false)
            : null;
    }

    [GeneratedRegex(@"\b(?:" + Words.Weekdays + "|" + Words.Months + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"^(?:Two|Three|Four|Five|Six|Several|Some|Many|Multiple|A\s+few|A\s+number\s+of|[2-9])\s+(?=(?:(?:senior|top|intelligence|defen[cs]e|military|government|administration|security|[A-Z][\w.'’-]*)\s+){0,4}(?:officials|sources|diplomats|analysts|officers)$)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\b(?:" + Words.Months + "|" + Words.Weekdays + @")$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex EndsInDate();

    [GeneratedRegex(@"^(?:the|a|an)\s+", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Lead();

    // "Washington-based", "London-based": where it sits, not what it is called.
    [GeneratedRegex(@"^[A-Z][\w.]*-based\s+(?=[A-Z])", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Based();

    // "the CSIS study", "ISW's latest assessment": what the organisation published, which speaks for it.
    [GeneratedRegex(@"(?<=[A-Z]\w*)(?:'s|’s)?\s+(?:latest\s+|new\s+|own\s+)?(?:study|report|estimate|analysis|assessment|survey|count|tally|data|figures|update|review)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Published();

    // A city after an organisation's name: where it sits.
    // Cities where organisations that count sit.
    const string Cities = "(?:Washington|London|Kyiv|Moscow|Seoul|Brussels|Paris|Berlin|Geneva|New York|Riga|Tallinn|Warsaw|Vienna)";

    [GeneratedRegex(@"\s+in\s+" + Cities + "$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Seat();

    [GeneratedRegex(@"\s*\([A-Z][\w.]{1,9}\)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Acronym();
}

// The shape of the service, checked: which capability folder (namespace Timeline.X) uses which,
// read from the compiled assembly (every type, member signature and IL reference, compiler-made
// types included) and from the source (constants are copied into the IL, so only the source
// shows them). docs/architecture.md holds the table this must equal, so the map cannot go stale.
using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Timeline.Tests;

public sealed partial class Architecture
{
    static readonly Assembly Service = typeof(Timeline.EventLog.AppendOrder).Assembly;

    [Fact]
    public void the_folders_depend_on_each_other_as_docs_architecture_says()
    {
        var documented = Documented();
        var actual = Dependencies();
        var differ = actual.Keys.Union(documented.Keys).Order()
            .Where(f => !(documented.TryGetValue(f, out var doc) && actual.TryGetValue(f, out var uses) && doc.SetEquals(uses)))
            .Select(f => $"| `{f}/` | {string.Join(", ", (actual.GetValueOrDefault(f) ?? []).Order().Select(u => $"`{u}/`"))} | (documented: {string.Join(", ", (documented.GetValueOrDefault(f) ?? []).Order())})")
            .ToList();
        Assert.True(differ.Count == 0, "docs/architecture.md differs from the code:\n" + string.Join('\n', differ));
    }

    [Fact]
    public void the_diagram_draws_every_edge_of_the_table_but_those_to_http()
    {
        var table = Documented().SelectMany(r => r.Value.Where(u => u != "Http").Select(u => $"{r.Key} --> {u}")).ToHashSet();
        var drawn = File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"))
            .SkipWhile(l => l != "```mermaid").TakeWhile(l => l != "```")
            .Select(l => Regex.Match(l, @"^\s*(\w+)\s*-->\s*(\w+)\s*$")).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} --> {m.Groups[2].Value}").ToHashSet();
        Assert.True(table.SetEquals(drawn), $"missing from the diagram: {string.Join("; ", table.Except(drawn))}; drawn but not in the table: {string.Join("; ", drawn.Except(table))}");
    }

    [Fact]
    public void no_folder_depends_on_itself_through_others()
    {
        var graph = Dependencies();
        foreach (var start in graph.Keys)
        {
            var seen = new HashSet<string>();
            var frontier = new Stack<string>(graph[start]);
            while (frontier.TryPop(out var next))
            {
                Assert.True(next != start, $"{start} reaches itself: a loop between folders");
                if (seen.Add(next)) foreach (var n in graph.GetValueOrDefault(next) ?? []) frontier.Push(n);
            }
        }
    }

    [Fact]
    public void the_ground_floor_depends_on_nothing_of_ours_and_statements_only_on_it_and_http()
    {
        var graph = Dependencies();
        Assert.Empty(graph["EventLog"]);
        Assert.Empty(graph["Http"]);
        Assert.Subset(new HashSet<string> { "EventLog", "Http" }, graph["Statements"]);
    }

    [Fact]
    public void program_is_a_table_of_contents_that_registers_each_capability_through_its_module()
    {
        var program = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Timeline", "Program.cs"));
        Assert.True(program.Length < 80, $"Program.cs has {program.Length} lines: registrations belong in the capability's module file");
        var direct = program.Where(l => Regex.IsMatch(l, @"\.(Map(Get|Post|Put|Delete|Patch|Group)|Add(Singleton|Scoped|Transient|Keyed\w*|Options))\b")).ToList();
        Assert.True(direct.Count == 0, "Program.cs registers directly:\n" + string.Join('\n', direct));
    }

    static Dictionary<string, HashSet<string>> Dependencies()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in Service.GetTypes())
        {
            if (Folder(type) is not { } from) continue;
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in Referenced(type).Select(Folder).OfType<string>()) uses.Add(used);
        }
        foreach (var (from, used) in SourceReferences())
            if (graph.TryGetValue(from, out var uses)) uses.Add(used);
        foreach (var uses in graph) uses.Value.Remove(uses.Key);
        return graph;
    }

    /// <summary>Timeline.X (or Timeline.X.Y) → X; anything else (Program, the framework's types) → null.</summary>
    static string? Folder(Type? type)
    {
        while (type is { IsGenericParameter: false } && (type.IsArray || type.IsByRef || type.IsPointer)) type = type.GetElementType();
        if (type?.Namespace is not { } ns || !ns.StartsWith("Timeline.", StringComparison.Ordinal) || type.Assembly != Service) return null;
        return ns.Split('.')[1];
    }

    const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    static IEnumerable<Type> Referenced(Type type)
    {
        var found = new List<Type?> { type.BaseType };
        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var f in type.GetFields(Everything)) found.Add(f.FieldType);
        foreach (var p in type.GetProperties(Everything)) found.Add(p.PropertyType);
        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi) found.Add(mi.ReturnType);
            found.AddRange(m.GetParameters().Select(p => p.ParameterType));
            found.AddRange(IlReferences(m));
        }
        return found.OfType<Type>().SelectMany(Expand);
    }

    /// <summary>A type with its generic arguments, element types and so on, all the way down.</summary>
    static IEnumerable<Type> Expand(Type t)
    {
        yield return t;
        if (t.HasElementType && t.GetElementType() is { } e) foreach (var x in Expand(e)) yield return x;
        if (t.IsGenericType && !t.IsGenericTypeDefinition) foreach (var a in t.GetGenericArguments()) foreach (var x in Expand(a)) yield return x;
    }

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types whose members or tokens a method body names (calls, fields, casts, typeof, new).</summary>
    static IEnumerable<Type> IlReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { }
                    switch (member)
                    {
                        case Type t: yield return t; break;
                        case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                        case MethodBase m:
                            if (m.DeclaringType is { } d) yield return d;
                            if (m is MethodInfo { IsGenericMethod: true } g) foreach (var a in g.GetGenericArguments()) yield return a;
                            break;
                    }
                    i += 4;
                    break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineNone: break;
                default: i += 4; break;
            }
        }
    }

    /// <summary>What the IL cannot show: constants of another folder, named in the source.</summary>
    static IEnumerable<(string From, string Used)> SourceReferences()
    {
        var src = Path.Combine(RepositoryRoot(), "src", "Timeline");
        var folders = Directory.GetDirectories(src).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "wwwroot")).ToHashSet()!;
        var named = new Regex($@"(?<![\w.""/])({string.Join('|', folders)})\.[A-Z]\w*");
        foreach (var folder in folders)
        foreach (var file in Directory.EnumerateFiles(Path.Combine(src, folder!), "*.cs", SearchOption.AllDirectories))
        foreach (var line in File.ReadLines(file).Select(l => CommentOrString().Replace(l, "")))
        {
            foreach (Match m in UsingOurs().Matches(line)) yield return (folder!, m.Groups[1].Value);
            foreach (Match m in named.Matches(line)) yield return (folder!, m.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"//.*$|""(?:[^""\\]|\\.)*""")]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^using Timeline\.(\w+)")]
    private static partial Regex UsingOurs();

    /// <summary>The table in docs/architecture.md: "| `Folder` | `A`, `B` |" (a dash for none).</summary>
    static Dictionary<string, HashSet<string>> Documented()
    {
        var table = new Dictionary<string, HashSet<string>>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md")))
        {
            var m = Regex.Match(line, @"^\|\s*`(\w+)/`\s*\|\s*([^|]*)\|");
            if (!m.Success) continue;
            table[m.Groups[1].Value] = Regex.Matches(m.Groups[2].Value, @"`(\w+)/`").Select(x => x.Groups[1].Value).ToHashSet();
        }
        return table;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Timeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Timeline.sln) was not found above " + AppContext.BaseDirectory);
    }
}

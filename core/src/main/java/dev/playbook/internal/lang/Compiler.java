package dev.playbook.internal.lang;

import dev.playbook.function.PlaybookFunction;
import dev.playbook.internal.tree.DidYouMean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker: resolves and type-checks a condition's syntax tree against a playbook's {@link Env}
 * into the typed tree ({@link Compiled}, each node's {@link Node} and {@link Type}), then hands
 * that tree to the closure pass ({@link Closures}), which gives every node its closure. The checker
 * itself makes no closures. No text from the condition is ever turned into code: names become field
 * getters chosen from a fixed table, literals become constants.
 *
 * <p>Missing values follow three-valued logic: a comparison with a missing value is unknown (null);
 * {@code and}, {@code or} and {@code not} follow Kleene's rules; a rule fires only when its
 * condition is true.
 */
public final class Compiler {

  /**
   * A problem in a condition, at an offset into the condition's text; or, when {@code parameter} is
   * set, a problem of that parameter's definition, found at this use, to be reported once where the
   * parameter is defined.
   */
  public record Issue(String code, int offset, String message, String parameter) {
    public Issue(String code, int offset, String message) {
      this(code, offset, message, null);
    }

    /** This issue {@code by} characters further into the text. */
    public Issue shift(int by) {
      return new Issue(code, offset + by, message, parameter);
    }
  }

  /** The compiled expression (null when there were issues) and the issues found. */
  public record Result(Compiled compiled, List<Issue> issues) {
    public boolean ok() {
      return issues.isEmpty();
    }
  }

  /** The names authors call the built-in functions by, sorted: {@link Builtin#documentedNames}. */
  static final Set<String> FUNCTIONS = Builtin.documentedNames();

  private final Env env;
  private final List<Issue> issues = new ArrayList<>();
  private final List<Type.Scope> scopes = new ArrayList<>();

  /**
   * The name given with {@code as} to the items of each scope, in step with {@link #scopes}; null
   * where none was given (the deal, and items without a name).
   */
  private final List<Ast.Bind> names = new ArrayList<>();

  /**
   * Every {@code list as name} of the condition being compiled, with the function it is the first
   * argument of, to tell where a name is known.
   */
  private final Map<Ast.Bind, String> declared = new java.util.IdentityHashMap<>();

  /** Where the expression being compiled first reads the deal's segment; null if it does not. */
  private Ast segmentRead;

  /** The lowest local slot read by the expression being compiled; see {@link #memoized}. */
  private int lowestLocalRead = Integer.MAX_VALUE;

  private Compiler(Env env, Type.Scope... extra) {
    this.env = env;
    scopes.add(env.dealScope());
    scopes.addAll(List.of(extra));
    for (int i = 0; i < scopes.size(); i++) {
      names.add(null);
    }
  }

  /** Parses and compiles a rule condition, which must be true/false. */
  public static Result condition(String src, Env env) {
    return run(src, env, Type.Basic.BOOLEAN);
  }

  /**
   * Parses and compiles a placeholder of a talk track, in the deal's scope. With {@code
   * withContact}, {@code contact.<field>} reads the contact the action targets, bound to local slot
   * 0 (null, read as missing, when no contact matched); without, {@code contact} is an issue that
   * says to give the action a target.
   */
  public static Result talkTrackPlaceholder(String src, Env env, boolean withContact) {
    Compiler c = withContact ? new Compiler(env, Schema.CONTACT) : new Compiler(env);
    if (withContact) {
      c.names.set(1, new Ast.Bind(0, 0, null, TARGET_CONTACT));
      c.namedOnly = 1;
    } else {
      c.noTargetContact = true;
    }
    return c.finish(src, null);
  }

  /** The name of the action's target contact in talk tracks. */
  static final String TARGET_CONTACT = "contact";

  /** A scope whose fields are read only through its name, never bare; -1 if none. */
  private int namedOnly = -1;

  /** Whether {@code contact.<field>} is asked for where the action names no target contact. */
  private boolean noTargetContact;

  /** Parses and compiles an expression of any type (a template placeholder). */
  public static Result expression(String src, Env env) {
    return run(src, env, null);
  }

  /** A compiled definition ({@code define:}), and whether its value depends on the segment. */
  public record Defined(Result result, boolean readsSegment) {}

  /** Parses and compiles a definition: an expression of any type, in the deal's scope. */
  public static Defined definition(String src, Env env) {
    Compiler c = new Compiler(env);
    Result r = c.finish(src, null);
    return new Defined(r, c.segmentRead != null);
  }

  /**
   * Parses and compiles the condition of a segment rule, which derives the segment and so cannot
   * read it.
   */
  public static Result segmentCondition(String src, Env env) {
    Compiler c = new Compiler(env);
    Result r = c.finish(src, Type.Basic.BOOLEAN);
    if (r.ok() && c.segmentRead != null) {
      return new Result(
          null,
          List.of(
              new Issue(
                  "cyclic-definition",
                  c.segmentRead.offset(),
                  "a segment rule cannot depend on the segment it derives, but '"
                      + Printer.print(c.segmentRead)
                      + "' does")));
    }
    return r;
  }

  /** Parses and compiles a true/false filter over one contact (an action's target). */
  public static Result contactFilter(String src, Env env) {
    Compiler c = new Compiler(env, Schema.CONTACT);
    return c.finish(src, Type.Basic.BOOLEAN);
  }

  private static Result run(String src, Env env, Type required) {
    return new Compiler(env).finish(src, required);
  }

  private Result finish(String src, Type required) {
    Ast ast;
    try {
      ast = Parser.parse(src);
    } catch (SyntaxError e) {
      return new Result(null, List.of(new Issue("syntax-error", e.offset(), e.getMessage())));
    }
    declare(ast);
    Compiled c = compile(ast);
    if (c != null && required != null && c.type() != required) {
      issue(
          "type-mismatch",
          ast,
          "the condition must be true or false, but this is " + c.type().describe());
    }
    return new Result(issues.isEmpty() ? Closures.of(c, env) : null, List.copyOf(issues));
  }

  /** Compiles an already parsed tree in the deal's scope (used by tests and the explainer). */
  public static Result compile(Ast ast, Env env) {
    Compiler c = new Compiler(env);
    c.declare(ast);
    Compiled out = c.compile(ast);
    return new Result(c.issues.isEmpty() ? Closures.of(out, env) : null, List.copyOf(c.issues));
  }

  /** Collects the names given with {@code as} anywhere in {@code a}. */
  private void declare(Ast a) {
    if (a instanceof Ast.Bind b) {
      declare(b.list());
    } else if (a instanceof Ast.Call c) {
      if (!c.args().isEmpty() && c.args().get(0) instanceof Ast.Bind b) {
        declared.put(b, c.function());
      }
      c.args().forEach(this::declare);
    } else if (a instanceof Ast.Unary u) {
      declare(u.operand());
    } else if (a instanceof Ast.Binary b) {
      declare(b.left());
      declare(b.right());
    } else if (a instanceof Ast.In i) {
      declare(i.subject());
      i.items().forEach(this::declare);
    } else if (a instanceof Ast.Is i) {
      declare(i.subject());
    }
  }

  private void issue(String code, Ast at, String message) {
    issues.add(new Issue(code, at.offset(), message));
  }

  /** A node of the typed tree; its closure is made by {@link Closures}, after checking. */
  private static Compiled node(Ast ast, Node kind, Type type, Compiled... kids) {
    return new Compiled(ast, kind, type, null, List.of(kids), false, -1);
  }

  private static Compiled constant(Ast ast, Type type, Object value) {
    return new Compiled(ast, new Node.Constant(value), type, null, List.of(), true, -1);
  }

  // ---------------------------------------------------------------- dispatch

  private Compiled compile(Ast a) {
    if (a instanceof Ast.Literal l) {
      Object v = l.value();
      Type t =
          v instanceof Double
              ? Type.Basic.NUMBER
              : v instanceof String
                  ? Type.Basic.TEXT
                  : v instanceof Boolean ? Type.Basic.BOOLEAN : Type.Basic.SPAN;
      return constant(a, t, v);
    }
    if (a instanceof Ast.Name n) {
      return name(n, null);
    }
    if (a instanceof Ast.Call c) {
      return call(c);
    }
    if (a instanceof Ast.Unary u) {
      return unary(u);
    }
    if (a instanceof Ast.Binary b) {
      return binary(b);
    }
    if (a instanceof Ast.In i) {
      return in(i);
    }
    if (a instanceof Ast.Bind b) {
      issue(
          "wrong-arguments",
          b,
          "'as' names the items of a list, so only the first argument of any, all, none, count,"
              + " min, max or sum can have it");
      return null;
    }
    return is((Ast.Is) a);
  }

  // ---------------------------------------------------------------- names and symbols

  private Type.Field lookup(String name) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Type.Field f = scopes.get(i).fields().get(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private int scopeOf(String name) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      if (i != namedOnly && scopes.get(i).fields().containsKey(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A bare word that is not a field: it may name a stage, a role, a segment ... */
  private boolean isSymbol(Ast a) {
    if (a instanceof Ast.Name n && n.parts().size() == 1) {
      String w = n.parts().get(0);
      return !w.equals("deal")
          && !w.equals("custom")
          && lookup(w) == null
          && env.definition(w) == null;
    }
    return false;
  }

  private Compiled withHint(Ast a, Type hint) {
    if (isSymbol(a)) {
      return symbol((Ast.Name) a, hint);
    }
    return compile(a);
  }

  private Compiled symbol(Ast.Name n, Type hint) {
    String w = n.parts().get(0);
    Type target = hint instanceof Type.SetOf s ? s.element() : hint;
    if (target == Type.Basic.STAGE) {
      int i = env.stageIndex(w);
      if (i < 0) {
        issue(
            "unknown-stage",
            n,
            "'"
                + w
                + "' is not a stage of this playbook"
                + DidYouMean.hint(w, env.stages())
                + "; its stages are: "
                + String.join(", ", env.stages())
                + inheritedStageHint(w));
        return null;
      }
      return constant(n, Type.Basic.STAGE, i);
    }
    if (target instanceof Type.Choice e) {
      Object v = e.valueOf(w);
      if (v == null) {
        issue(
            "unknown-value",
            n,
            "'"
                + w
                + "' is not "
                + e.describe()
                + DidYouMean.hint(w, e.ids())
                + "; the choices are: "
                + String.join(", ", e.ids()));
        return null;
      }
      return constant(n, e, v);
    }
    if (target == Type.Basic.SEGMENT) {
      if (!env.segments().isEmpty() && !env.segments().contains(w)) {
        issue(
            "unknown-segment",
            n,
            "'"
                + w
                + "' is not a segment of this playbook"
                + DidYouMean.hint(w, env.segments())
                + "; its segments are: "
                + String.join(", ", sorted(env.segments())));
        return null;
      }
      return constant(n, Type.Basic.SEGMENT, w);
    }
    String extra =
        target == Type.Basic.TEXT ? "; to compare with the text, write \"" + w + "\"" : "";
    unknownField(n, w, extra);
    return null;
  }

  /**
   * For a playbook that maps its stages onto inherited ones: a fix for a condition of its own that
   * names an inherited stage.
   */
  private String inheritedStageHint(String w) {
    if (env.isPhaseView() || env.phases() == null || !env.phases().contains(w)) {
      return "";
    }
    String role =
        w.equals("closed_won")
            ? "'stage is won'"
            : w.equals("closed_lost") ? "'stage is lost'" : "the stages mapped onto it";
    return " ('"
        + w
        + "' is an inherited stage, which 'stage_map' maps this playbook's stages onto; "
        + "its own rules name its own stages: write "
        + role
        + ", or 'stage is open' for every stage not won or lost)";
  }

  private void unknownField(Ast at, String w, String extra) {
    Set<String> known = new LinkedHashSet<>();
    for (Type.Scope s : scopes) {
      for (String k : s.fields().keySet()) {
        if (!k.startsWith("custom.")) {
          known.add(k);
        }
      }
    }
    Set<String> nouns = new LinkedHashSet<>();
    for (int i = scopes.size() - 1; i >= 0; i--) {
      nouns.add(article(scopes.get(i)));
    }
    String where = String.join(" or ", nouns);
    int bound = boundHere(w);
    if (bound >= 0) {
      Ast.Bind named = names.get(bound);
      String field = scopes.get(bound).fields().keySet().stream().findFirst().orElse("id");
      issue(
          "unknown-field",
          at,
          "'"
              + w
              + "' names each item of "
              + quote(named)
              + " and is not a value itself; write "
              + w
              + ".<field>, such as "
              + w
              + "."
              + field);
      return;
    }
    for (Ast.Bind b : names) {
      if (b != null) {
        known.add(b.name());
      }
    }
    known.addAll(env.definitionNames());
    String hint = DidYouMean.hint(w, known);
    if (hint.isEmpty() && FUNCTIONS.contains(w)) {
      hint = " ('" + w + "' is a function: write " + w + "(...))";
    }
    issue("unknown-field", at, "'" + w + "' is not a field of " + where + hint + extra);
  }

  /** {@code an activity}, {@code a next step}. */
  private static String article(Type.Scope scope) {
    String noun = scope.name().replace('_', ' ');
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** The scope whose items {@code name} names here (innermost first), or -1. */
  private int boundHere(String name) {
    for (int i = names.size() - 1; i >= 0; i--) {
      Ast.Bind b = names.get(i);
      if (b != null && b.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code all(activities as demo, ...)}: the call that names {@code b}'s items, for messages. */
  private String quote(Ast.Bind b) {
    return declared.getOrDefault(b, "a quantifier") + "(" + Printer.print(b) + ", ...)";
  }

  private Compiled name(Ast.Name n, Type hint) {
    List<String> parts = n.parts();
    int next;
    Type.Field field;
    int scope;
    if (parts.get(0).equals("deal")) {
      if (parts.size() == 1) {
        issue(
            "unknown-field",
            n,
            "'deal' on its own is not a value; name one of its fields, such as deal.name");
        return null;
      }
      scope = 0;
      next = 2;
      String first = parts.get(1);
      if (first.equals("custom")) {
        return custom(n, parts, 2);
      }
      field = scopes.get(0).fields().get(first);
      if (field == null) {
        issue(
            "unknown-field",
            n,
            "'"
                + first
                + "' is not a field of a deal"
                + DidYouMean.hint(first, scopes.get(0).fields().keySet()));
        return null;
      }
    } else if (parts.get(0).equals("custom")) {
      return custom(n, parts, 1);
    } else if (noTargetContact
        && parts.get(0).equals(TARGET_CONTACT)
        && scopeOf(TARGET_CONTACT) < 0) {
      issue(
          "unknown-name",
          n,
          "'"
              + TARGET_CONTACT
              + "' in a talk track is the contact its action targets, but an action using this"
              + " talk track has no 'target'; give the action one, such as target: role =="
              + " champion");
      return null;
    } else if (parts.size() > 1 && boundHere(parts.get(0)) >= 0) {
      // demo.occurred_at: a field of the items named with 'as'
      scope = boundHere(parts.get(0));
      next = 2;
      Type.Scope named = scopes.get(scope);
      field = named.fields().get(parts.get(1));
      if (field == null) {
        issue(
            "unknown-field",
            n,
            "'"
                + parts.get(1)
                + "' is not a field of "
                + article(named)
                + DidYouMean.hint(parts.get(1), named.fields().keySet()));
        return null;
      }
    } else {
      scope = scopeOf(parts.get(0));
      if (scope < 0 && parts.size() > 1) {
        for (Map.Entry<Ast.Bind, String> d : declared.entrySet()) {
          if (d.getKey().name().equals(parts.get(0))) {
            issue(
                "unknown-name",
                n,
                "'"
                    + parts.get(0)
                    + "' is not known here: it names the items of "
                    + quote(d.getKey())
                    + " only inside that call");
            return null;
          }
        }
      }
      if (scope < 0 && parts.size() == 1) {
        Env.Definition d = env.definition(parts.get(0));
        if (d != null) {
          return defined(n, d);
        }
      }
      if (scope < 0) {
        if (hint != null) {
          return symbol(n, hint);
        }
        unknownField(n, parts.get(0), "");
        return null;
      }
      field = scopes.get(scope).fields().get(parts.get(0));
      next = 1;
    }
    if (scope == 0 && field.name().equals("segment") && segmentRead == null) {
      segmentRead = n;
    }
    noteRead(scope);
    Type type = field.type();
    String path = field.name();
    List<Node.Read.Step> steps = new ArrayList<>();
    for (int i = next; i < parts.size(); i++) {
      String p = parts.get(i);
      if (type instanceof Type.NumberMap) {
        steps.add(new Node.Read.Key(p));
        type = Type.Basic.NUMBER;
      } else if (type instanceof Type.Fact r) {
        Type.Field sub = r.scope().fields().get(p);
        if (sub == null) {
          issue(
              "unknown-field",
              n,
              "'"
                  + p
                  + "' is not a field of "
                  + r.describe()
                  + DidYouMean.hint(p, r.scope().fields().keySet()));
          return null;
        }
        steps.add(new Node.Read.Sub(sub.getter()));
        type = sub.type();
      } else {
        issue(
            "unknown-field",
            n,
            "'" + path + "' is " + type.describe() + " and has no field '" + p + "'");
        return null;
      }
      path = path + "." + p;
    }
    return node(n, new Node.Read(path, scope, field.getter(), steps), type);
  }

  /**
   * A use of a definition: its value, computed at most once per deal evaluation. A definition reads
   * the deal only, so one value serves every use; the items of enclosing quantifiers are kept
   * around its computation, since its own quantifiers use the same local slots.
   */
  private Compiled defined(Ast.Name n, Env.Definition d) {
    if (d.compiled() == null) {
      issue(d.problem().code(), n, d.problem().message());
      return null;
    }
    if (d.readsSegment() && segmentRead == null) {
      segmentRead = n;
    }
    int memo = env.memoSlot("define:" + d.name());
    return node(n, new Node.DefinitionRef(d.name(), memo), d.compiled().type());
  }

  private Compiled custom(Ast.Name n, List<String> parts, int at) {
    if (parts.size() != at + 1) {
      issue("unknown-field", n, "write custom.<name>, for example custom.renewal");
      return null;
    }
    String name = parts.get(at);
    Type.Field f = scopes.get(0).fields().get("custom." + name);
    if (f == null) {
      issue(
          "unknown-field",
          n,
          "'custom."
              + name
              + "' is not declared"
              + DidYouMean.hint(name, env.customFields().keySet())
              + "; declare custom fields under custom_fields in playbook.yaml");
      return null;
    }
    return node(n, new Node.Read(f.name(), 0, f.getter()), f.type());
  }

  /** Notes that a field of {@code scope} is read, for {@link #memoized}. */
  private void noteRead(int scope) {
    if (scope > 0) {
      lowestLocalRead = Math.min(lowestLocalRead, scope - 1);
    }
  }

  // ---------------------------------------------------------------- operators

  private Compiled unary(Ast.Unary u) {
    Compiled x = compile(u.operand());
    if (x == null) {
      return null;
    }
    Op op = Op.unary(u.op());
    if (op == Op.NOT) {
      if (!expect(x, Type.Basic.BOOLEAN, "'not' needs a true/false value")) {
        return null;
      }
      return node(u, new Node.Unary(op), op.result(x.type(), null), x);
    }
    if (!expect(x, Type.Basic.NUMBER, "'-' needs a number")) {
      return null;
    }
    return node(u, new Node.Unary(op), op.result(x.type(), null), x);
  }

  private boolean expect(Compiled c, Type t, String what) {
    if (c.type() != t) {
      issue("type-mismatch", c.ast(), what + ", but this is " + c.type().describe());
      return false;
    }
    return true;
  }

  private Compiled binary(Ast.Binary b) {
    Op op = Op.binary(b.op());
    return switch (op.kind()) {
      case LOGICAL -> logical(b, op);
      case MEMBERSHIP -> contains(b);
      case ARITHMETIC -> arithmetic(b, op);
      default -> comparison(b, op);
    };
  }

  /** {@code and}, {@code or} and {@code implies}, in three-valued logic. */
  private Compiled logical(Ast.Binary b, Op op) {
    Compiled l = compile(b.left());
    Compiled r = compile(b.right());
    if (l == null || r == null) {
      return null;
    }
    String what = "'" + op.symbol() + "' joins true/false conditions";
    boolean ok = expect(l, Type.Basic.BOOLEAN, what);
    ok &= expect(r, Type.Basic.BOOLEAN, what);
    if (!ok) {
      return null;
    }
    return node(b, new Node.Logical(op), op.result(l.type(), r.type()), l, r);
  }

  private Compiled[] pair(Ast left, Ast right) {
    Compiled l;
    Compiled r;
    if (isSymbol(left) && !isSymbol(right)) {
      r = compile(right);
      l = r == null ? null : withHint(left, r.type());
    } else {
      l = compile(left);
      r = l == null ? null : withHint(right, l.type());
    }
    return l == null || r == null ? null : new Compiled[] {l, r};
  }

  private Compiled comparison(Ast.Binary b, Op op) {
    Compiled[] p = pair(b.left(), b.right());
    if (p == null) {
      return null;
    }
    Compiled l = p[0];
    Compiled r = p[1];
    boolean equality = op.isEquality();
    Type type = op.result(l.type(), r.type());
    // a set compared with one of its elements: 'role == champion' means champion is among the roles
    if (equality && l.type() instanceof Type.SetOf s && s.element().equals(r.type())) {
      return node(b, new Node.SetHas(op), type, l, r);
    }
    if (textParameterForANumber(b, l, r)) {
      return null;
    }
    if (!comparable(b, l, r, equality, mismatchFix(l, r))) {
      return null;
    }
    return node(b, new Node.Compare(op), type, l, r);
  }

  /**
   * A number compared with a text parameter whose values are all numbers in quotes: the fault is at
   * the parameter's definition, so the issue names it, to be reported there once.
   */
  private boolean textParameterForANumber(Ast.Binary b, Compiled l, Compiled r) {
    Compiled text =
        l.type() == Type.Basic.NUMBER && r.type() == Type.Basic.TEXT
            ? r
            : r.type() == Type.Basic.NUMBER && l.type() == Type.Basic.TEXT ? l : null;
    if (text == null || !(text.node() instanceof Node.Param param)) {
      return false;
    }
    Env.Parameter p = env.parameters().get(param.index());
    List<Object> values = new ArrayList<>();
    values.add(p.defaultValue());
    values.addAll(p.bySegment().values());
    values.addAll(p.byStage().values());
    for (Object v : values) {
      if (!(v instanceof String t) || numberIn(t) == null) {
        return false;
      }
    }
    issues.add(
        new Issue(
            "wrong-type",
            b.offset(),
            "parameter '"
                + p.name()
                + "' is text (\""
                + p.defaultValue()
                + "\"), but conditions compare it with a number; write "
                + numberIn((String) p.defaultValue())
                + " without quotes"
                + (values.size() > 1 ? ", and its other values too" : ""),
            p.name()));
    return true;
  }

  /** The number {@code text} writes, as written without separators; null if it is none. */
  private static String numberIn(String text) {
    String t = text.strip().replace(",", "");
    try {
      return new java.math.BigDecimal(t).toPlainString().equals(t) ? t : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The fix for comparing values of two types, to end the message: a number in quotes, text without
   * them, a stage by number. Empty when there is nothing more to say.
   */
  private String mismatchFix(Compiled l, Compiled r) {
    for (int side = 0; side < 2; side++) {
      Type mine = (side == 0 ? l : r).type();
      Compiled lit = side == 0 ? r : l;
      Object v = lit.node() instanceof Node.Constant k ? k.value() : null;
      Type other = lit.type();
      if (mine == Type.Basic.NUMBER
          && other == Type.Basic.TEXT
          && v instanceof String t
          && numberIn(t) != null) {
        return "; write " + numberIn(t) + " without quotes";
      }
      if (mine == Type.Basic.TEXT && other == Type.Basic.NUMBER && v instanceof Double) {
        return "; write \"" + Printer.print(lit.ast()) + "\" in quotes";
      }
      if (mine == Type.Basic.STAGE && other == Type.Basic.NUMBER && v instanceof Double) {
        return "; stages are written by name, one of: " + String.join(", ", env.stages());
      }
    }
    return "";
  }

  /** Whether values of {@code l} and {@code r} can be compared; an issue when not. */
  private boolean comparable(Ast at, Compiled l, Compiled r, boolean equality, String fix) {
    Type a = l.type();
    Type b = r.type();
    if (a == Type.Basic.NUMBER && b == Type.Basic.SPAN
        || a == Type.Basic.SPAN && b == Type.Basic.NUMBER) {
      Compiled span = a == Type.Basic.SPAN ? l : r;
      return calendarSpan(span);
    }
    if ((a == Type.Basic.TEXT || a == Type.Basic.SEGMENT)
        && (b == Type.Basic.TEXT || b == Type.Basic.SEGMENT)) {
      if (!equality) {
        issue("type-mismatch", at, "text can only be compared with == or !=");
        return false;
      }
      return true;
    }
    if (!a.equals(b)) {
      issue("type-mismatch", at, "cannot compare " + a.describe() + " with " + b.describe() + fix);
      return false;
    }
    if (a == Type.Basic.BOOLEAN
        || a instanceof Type.SetOf
        || a instanceof Type.ListOf
        || a instanceof Type.Fact
        || a instanceof Type.NumberMap
        || (a instanceof Type.Choice e && !e.ordered())) {
      if (!equality
          || a instanceof Type.ListOf
          || a instanceof Type.Fact
          || a instanceof Type.NumberMap) {
        issue(
            "type-mismatch",
            at,
            a.describe()
                + " can only be compared with == or !="
                + (a instanceof Type.ListOf
                    ? "; for a list use any(...), none(...) or count(...)"
                    : ""));
        return false;
      }
      return true;
    }
    if (a == Type.Basic.SPAN) {
      return calendarSpan(l) && calendarSpan(r);
    }
    return true;
  }

  /**
   * Business days have no fixed length: they only move dates. Decided by the typed tree, not by the
   * syntax: a span compared by length must not take a business-day value, so every node its value
   * can come from is looked at, through {@code coalesce(...)} and into definitions. The checker,
   * not the evaluator, must find a business-day span that would be compared.
   */
  private boolean calendarSpan(Compiled c) {
    Compiled source = businessDaysSource(c);
    if (source == null) {
      return true;
    }
    if (source.node() instanceof Node.Param p) {
      issue(
          "type-mismatch",
          source.ast(),
          "parameter '"
              + p.name()
              + "' is in business days, which can only be added "
              + "to or subtracted from a date; compare business_days_since(...) with a number instead");
    } else if (source.node() instanceof Node.DefinitionRef d) {
      issue(
          "type-mismatch",
          source.ast(),
          "definition '"
              + d.name()
              + "' can be in business days, which can only be added "
              + "to or subtracted from a date; compare business_days_since(...) with a number instead");
    } else {
      issue(
          "type-mismatch",
          source.ast(),
          "business days can only be added to or subtracted from a date; "
              + "use business_days_since(...) to count them");
    }
    return false;
  }

  /**
   * The first node, in evaluation order, that span {@code c}'s value can come from and that can be
   * in business days: a literal such as {@code 2bd}, a parameter with such a value, or a definition
   * whose value can be one; null when every value {@code c} can take has a length.
   */
  private Compiled businessDaysSource(Compiled c) {
    if (c.type() != Type.Basic.SPAN) {
      return null;
    }
    Node n = c.node();
    if (n instanceof Node.Constant k) {
      return k.value() instanceof Span s && s.unit() == Span.Unit.BUSINESS_DAYS ? c : null;
    }
    if (n instanceof Node.Param p) {
      return inBusinessDays(env.parameters().get(p.index())) ? c : null;
    }
    if (n instanceof Node.DefinitionRef d) {
      Env.Definition def = env.definition(d.name());
      return def != null && def.compiled() != null && businessDaysSource(def.compiled()) != null
          ? c
          : null;
    }
    for (Compiled k : c.kids()) {
      Compiled source = businessDaysSource(k);
      if (source != null) {
        return source;
      }
    }
    return null;
  }

  private static boolean inBusinessDays(Env.Parameter p) {
    java.util.List<Object> values = new ArrayList<>();
    values.add(p.defaultValue());
    values.addAll(p.bySegment().values());
    values.addAll(p.byStage().values());
    return values.stream()
        .anyMatch(v -> v instanceof Span s && s.unit() == Span.Unit.BUSINESS_DAYS);
  }

  private Compiled contains(Ast.Binary b) {
    Compiled l = compile(b.left());
    if (l == null) {
      return null;
    }
    if (l.type() instanceof Type.SetOf s) {
      Compiled r = withHint(b.right(), s.element());
      if (r == null) {
        return null;
      }
      if (!r.type().equals(s.element())) {
        issue(
            "type-mismatch",
            b.right(),
            "'contains' on "
                + s.describe()
                + " needs "
                + s.element().describe()
                + ", but this is "
                + r.type().describe());
        return null;
      }
      return node(b, new Node.Contains(false), Type.Basic.BOOLEAN, l, r);
    }
    if (l.type() == Type.Basic.TEXT) {
      Compiled r = compile(b.right());
      if (r == null || !expect(r, Type.Basic.TEXT, "'contains' on text needs text")) {
        return null;
      }
      return node(b, new Node.Contains(true), Type.Basic.BOOLEAN, l, r);
    }
    issue(
        "type-mismatch",
        b.left(),
        "'contains' needs a set or text on its left, but this is " + l.type().describe());
    return null;
  }

  private Compiled arithmetic(Ast.Binary b, Op op) {
    Compiled l = compile(b.left());
    Compiled r = compile(b.right());
    if (l == null || r == null) {
      return null;
    }
    Type type = op.result(l.type(), r.type());
    if (type == Type.Basic.NUMBER) {
      return node(b, new Node.Arithmetic(op), type, l, r);
    }
    if (type == Type.Basic.DATE) {
      return node(b, new Node.DateShift(op), type, l, r);
    }
    issue(
        "type-mismatch",
        b,
        "cannot apply '"
            + op.symbol()
            + "' to "
            + l.type().describe()
            + " and "
            + r.type().describe()
            + (l.type() == Type.Basic.DATE && r.type() == Type.Basic.DATE
                ? "; use days_between(a, b)"
                : ""));
    return null;
  }

  private Compiled in(Ast.In in) {
    Compiled subject = isSymbol(in.subject()) ? null : compile(in.subject());
    if (subject == null) {
      if (isSymbol(in.subject())) {
        unknownField(in.subject(), ((Ast.Name) in.subject()).parts().get(0), "");
      }
      return null;
    }
    if (subject.type() instanceof Type.ListOf) {
      issue(
          "type-mismatch",
          in.subject(),
          "'in' checks one value, but this is "
              + subject.type().describe()
              + "; use any(...) to look at its items");
      return null;
    }
    // a set is 'in' a list when any of its values is: 'role in [champion, coach]'
    Type element = subject.type() instanceof Type.SetOf s ? s.element() : subject.type();
    List<Compiled> items = new ArrayList<>();
    for (Ast item : in.items()) {
      Compiled c = withHint(item, element);
      if (c == null) {
        return null;
      }
      items.add(c);
    }
    for (Compiled c : items) {
      Type t = c.type();
      boolean textual =
          (t == Type.Basic.TEXT || t == Type.Basic.SEGMENT)
              && (element == Type.Basic.TEXT || element == Type.Basic.SEGMENT);
      if (!t.equals(element) && !textual) {
        issue(
            "type-mismatch",
            c.ast(),
            "this list holds "
                + element.describe().replaceFirst("^an? ", "")
                + " values, but this is "
                + t.describe());
        return null;
      }
    }
    Compiled[] kids = new Compiled[items.size() + 1];
    kids[0] = subject;
    for (int i = 0; i < items.size(); i++) {
      kids[i + 1] = items.get(i);
    }
    return node(in, new Node.In(in.negated()), Type.Basic.BOOLEAN, kids);
  }

  private Compiled is(Ast.Is is) {
    Compiled subject = compile(is.subject());
    if (subject == null) {
      return null;
    }
    if (subject.type() instanceof Type.ListOf || subject.type() instanceof Type.SetOf) {
      issue(
          "type-mismatch",
          is.subject(),
          "a list is never missing; use count(...) == 0 to test for an empty one");
      return null;
    }
    return node(is, new Node.Is(is.present()), Type.Basic.BOOLEAN, subject);
  }

  /** {@code stage is open}, {@code stage is won}, {@code stage is lost}. */
  private Compiled stageRole(Ast.Call c, Builtin b) {
    Compiled subject = compile(c.args().get(0));
    if (subject == null) {
      return null;
    }
    String role = b.role();
    if (subject.type() != Type.Basic.STAGE) {
      issue(
          "type-mismatch",
          c.args().get(0),
          "only a stage is open, won or lost, but this is "
              + subject.type().describe()
              + "; write 'stage is "
              + role
              + "'");
      return null;
    }
    return node(c, new Node.StageRole(b), Type.Basic.BOOLEAN, subject);
  }

  // ---------------------------------------------------------------- functions

  private Compiled call(Ast.Call c) {
    Builtin builtin = Builtin.named(c.function());
    if (builtin == null) {
      String fn = c.function();
      PlaybookFunction custom = CustomFunctions.installed().get(fn);
      if (custom != null) {
        return custom(c, custom);
      }
      Set<String> all = new java.util.TreeSet<>(FUNCTIONS);
      all.addAll(CustomFunctions.installed().names());
      issue(
          "unknown-function",
          c,
          "'"
              + fn
              + "' is not a function"
              + DidYouMean.hint(fn, all)
              + "; the functions are: "
              + String.join(", ", all));
      return null;
    }
    return switch (builtin.family()) {
      case STAGE_ROLE -> stageRole(c, builtin);
      case QUANTIFIER -> memoized(c, builtin, this::quantifier);
      case AGGREGATE -> memoized(c, builtin, this::aggregate);
      case ONE_DATE -> oneDate(c, builtin);
      case TWO_DATES -> twoDates(c, builtin);
      case PARAM -> param(c, builtin);
      case COUNT_TRUE -> countTrue(c, builtin);
      case COALESCE -> coalesce(c, builtin);
      case EVIDENCE -> evidence(c, builtin);
    };
  }

  /** {@code days_since(date)} and the other functions of one date and now. */
  private Compiled oneDate(Ast.Call c, Builtin fn) {
    if (!arity(c, fn)) {
      return null;
    }
    Compiled d = compile(c.args().get(0));
    if (d == null || !expect(d, Type.Basic.DATE, fn.function() + " needs a date")) {
      return null;
    }
    return node(c, new Node.Call(fn), Type.Basic.NUMBER, d);
  }

  /** {@code days_between(a, b)} and the other functions of two dates. */
  private Compiled twoDates(Ast.Call c, Builtin fn) {
    if (!arity(c, fn)) {
      return null;
    }
    Compiled a = compile(c.args().get(0));
    Compiled b = compile(c.args().get(1));
    if (a == null || b == null) {
      return null;
    }
    boolean ok = expect(a, Type.Basic.DATE, fn.function() + " needs dates");
    ok &= expect(b, Type.Basic.DATE, fn.function() + " needs dates");
    if (!ok) {
      return null;
    }
    return node(c, new Node.Call(fn), Type.Basic.NUMBER, a, b);
  }

  /** A call of a company's own function, checked against the types it declares. */
  private Compiled custom(Ast.Call c, PlaybookFunction fn) {
    List<dev.playbook.function.ValueType> params = fn.parameters();
    String what =
        params.stream()
            .map(dev.playbook.function.ValueType::description)
            .collect(java.util.stream.Collectors.joining(", "));
    if (!arity(c, params.size(), params.size(), what.isEmpty() ? "none" : what)) {
      return null;
    }
    List<Compiled> args = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < params.size(); i++) {
      Compiled a = compile(c.args().get(i));
      if (a == null) {
        ok = false;
        continue;
      }
      ok &=
          expect(
              a,
              CustomFunctions.type(params.get(i)),
              c.function()
                  + "(...) takes "
                  + params.get(i).description()
                  + " as argument "
                  + (i + 1));
      args.add(a);
    }
    if (!ok) {
      return null;
    }
    return node(
        c, new Node.Custom(fn), CustomFunctions.type(fn.result()), args.toArray(Compiled[]::new));
  }

  /**
   * Complete units elapsed from {@code from} to {@code to}, counted toward zero as business days
   * are: {@code unit} 0 for days, 1 for hours, 2 for business days. Both back ends call it.
   */
  public static double between(int unit, Instant from, Instant to) {
    return switch (unit) {
      case 1 -> (double) (seconds(from, to) / 3600) + 0.0;
      case 2 -> (double) Span.BusinessDays.between(from, to) + 0.0;
      default -> (double) (seconds(from, to) / 86_400) + 0.0;
    };
  }

  /** {@code Duration.between(from, to).getSeconds()} without the Duration. */
  private static long seconds(Instant from, Instant to) {
    long s = to.getEpochSecond() - from.getEpochSecond();
    return to.getNano() < from.getNano() ? s - 1 : s;
  }

  private boolean arity(Ast.Call c, Builtin fn) {
    return arity(c, fn.minArgs(), fn.maxArgs(), fn.arguments());
  }

  private boolean arity(Ast.Call c, int min, int max, String what) {
    int n = c.args().size();
    if (n < min || n > max) {
      String count = min == max ? String.valueOf(min) : min + " or " + max;
      issue(
          "wrong-arguments",
          c,
          c.function()
              + "(...) takes "
              + count
              + " argument"
              + (max == 1 ? "" : "s")
              + " ("
              + what
              + "), not "
              + n);
      return false;
    }
    return true;
  }

  /** The {@code list as name} that is the call's first argument, or null. */
  private static Ast.Bind bind(Ast.Call c) {
    return c.args().get(0) instanceof Ast.Bind b ? b : null;
  }

  private Compiled collection(Ast.Call c, Builtin fn) {
    Ast.Bind named = bind(c);
    Compiled coll = compile(named == null ? c.args().get(0) : named.list());
    if (coll == null) {
      return null;
    }
    if (!(coll.type() instanceof Type.ListOf)
        && !(coll.type() instanceof Type.SetOf && !fn.walks(c.args().size()))) {
      issue(
          "type-mismatch",
          c.args().get(0),
          c.function()
              + "(...) needs a list such as contacts or activities, but this is "
              + coll.type().describe());
      return null;
    }
    return coll;
  }

  private Compiled inScope(Type.Scope scope, Ast.Bind named, Ast ast) {
    if (scopes.size() > Frame.MAX_SCOPES) {
      issue("too-complex", ast, "quantifiers can be nested at most " + Frame.MAX_SCOPES + " deep");
      return null;
    }
    if (named != null && !nameable(scope, named)) {
      return null;
    }
    scopes.add(scope);
    names.add(named);
    try {
      return compile(ast);
    } finally {
      scopes.remove(scopes.size() - 1);
      names.remove(names.size() - 1);
    }
  }

  /**
   * Whether {@code named} may name the items of {@code scope}: a name that is already a field, the
   * deal, or the name of enclosing items would make {@code name.field} mean two things.
   */
  private boolean nameable(Type.Scope scope, Ast.Bind named) {
    String w = named.name();
    String clash = null;
    if (w.equals("deal") || w.equals("custom")) {
      clash =
          "'" + w + "' already means the deal's " + (w.equals("deal") ? "fields" : "custom fields");
    } else if (boundHere(w) >= 0) {
      clash = "'" + w + "' already names the items of " + quote(names.get(boundHere(w)));
    } else {
      List<Type.Scope> inView = new ArrayList<>(scopes);
      inView.add(scope);
      for (int i = inView.size() - 1; i >= 0 && clash == null; i--) {
        if (inView.get(i).fields().containsKey(w)) {
          clash = "'" + w + "' is already a field of " + article(inView.get(i));
        }
      }
    }
    if (clash == null) {
      return true;
    }
    issues.add(
        new Issue(
            "shadowed-name",
            named.offset() + named.length() - w.length(),
            clash
                + "; give these "
                + scope.plural()
                + " another name, such as "
                + suggestion(scope)));
    return false;
  }

  /** A name for the items of {@code scope} that nothing in view has: {@code the_activity}. */
  private String suggestion(Type.Scope scope) {
    String base = "the_" + scope.name();
    String w = base;
    for (int i = 2; boundHere(w) >= 0 || lookup(w) != null; i++) {
      w = base + "_" + i;
    }
    return w;
  }

  /**
   * Compiles a quantifier or aggregate and, when it reads nothing of the items that enclosing
   * quantifiers iterate over, makes it computed at most once per deal evaluation: such an
   * expression has one value per deal wherever it appears. This turns {@code count(activities,
   * occurred_at > max(activities, occurred_at, ...))} from quadratic into linear, and lets equal
   * expressions in different conditions share one computation. Equal means the same canonical text
   * and type; the expression can only read the deal, its own items and the evaluation time, so
   * equal text gives the same value.
   */
  private Compiled memoized(
      Ast.Call c,
      Builtin fn,
      java.util.function.BiFunction<Ast.Call, Builtin, Compiled> compileIt) {
    int slot = scopes.size() - 1; // where this expression's own items are bound
    int outer = lowestLocalRead;
    lowestLocalRead = Integer.MAX_VALUE;
    Compiled r;
    int read;
    try {
      r = compileIt.apply(c, fn);
    } finally {
      read = lowestLocalRead;
      lowestLocalRead = Math.min(outer, read);
    }
    // a list's size is cheap already
    if (r == null || read < slot || !fn.walks(c.args().size())) {
      return r;
    }
    int memo = env.memoSlot(Printer.print(c) + " : " + r.type().describe());
    Node node =
        r.node() instanceof Node.Quantifier q
            ? new Node.Quantifier(q.function(), memo)
            : r.node() instanceof Node.Aggregate a
                ? new Node.Aggregate(a.function(), memo)
                : r.node();
    return new Compiled(r.ast(), node, r.type(), null, r.kids(), r.constant(), r.slot());
  }

  private Compiled quantifier(Ast.Call c, Builtin q) {
    if (!arity(c, q)) {
      return null;
    }
    Compiled coll = collection(c, q);
    if (coll == null) {
      return null;
    }
    if (c.args().size() == 1) {
      return node(c, new Node.Size(), Type.Basic.NUMBER, coll);
    }
    Type.Scope scope = ((Type.ListOf) coll.type()).element();
    Compiled pred = inScope(scope, bind(c), c.args().get(1));
    if (pred == null
        || !expect(
            pred,
            Type.Basic.BOOLEAN,
            q.function() + "(...) needs a true/false condition on each item")) {
      return null;
    }
    return new Compiled(
        c,
        new Node.Quantifier(q),
        q == Builtin.COUNT ? Type.Basic.NUMBER : Type.Basic.BOOLEAN,
        null,
        List.of(coll, pred),
        false,
        scopes.size() - 1);
  }

  private Compiled aggregate(Ast.Call c, Builtin fn) {
    String q = fn.function();
    boolean sum = fn == Builtin.SUM;
    boolean min = fn == Builtin.MIN;
    if (!arity(c, fn)) {
      return null;
    }
    Compiled coll = collection(c, fn);
    if (coll == null) {
      return null;
    }
    Type.Scope scope = ((Type.ListOf) coll.type()).element();
    Compiled value = inScope(scope, bind(c), c.args().get(1));
    if (value == null) {
      return null;
    }
    boolean dates = value.type() == Type.Basic.DATE;
    if (value.type() != Type.Basic.NUMBER && !(dates && !sum)) {
      issue(
          "type-mismatch",
          c.args().get(1),
          q
              + "(...) needs "
              + (sum ? "a number" : "a number or a date")
              + " for each item, but this is "
              + value.type().describe());
      return null;
    }
    Compiled pred = null;
    if (c.args().size() == 3) {
      pred = inScope(scope, bind(c), c.args().get(2));
      if (pred == null
          || !expect(
              pred,
              Type.Basic.BOOLEAN,
              q + "(...) needs a true/false condition as its third argument")) {
        return null;
      }
    }
    return new Compiled(
        c,
        new Node.Aggregate(fn),
        value.type(),
        null,
        pred == null ? List.of(coll, value) : List.of(coll, value, pred),
        false,
        scopes.size() - 1);
  }

  /** {@code coalesce(x, fallback)}: x, or the fallback when x is missing. */
  private Compiled coalesce(Ast.Call c, Builtin fn) {
    if (!arity(c, fn)) {
      return null;
    }
    Compiled x = compile(c.args().get(0));
    if (x == null) {
      return null;
    }
    Compiled fallback = withHint(c.args().get(1), x.type());
    if (fallback == null) {
      return null;
    }
    if (!fallback.type().equals(x.type())) {
      issue(
          "type-mismatch",
          c.args().get(1),
          "coalesce(...) needs a fallback of the same type as its first argument ("
              + x.type().describe()
              + "), but this is "
              + fallback.type().describe());
      return null;
    }
    return node(c, new Node.Call(fn), x.type(), x, fallback);
  }

  /**
   * {@code count_true(a, b, c)}: how many of the conditions are true (unknown ones do not count).
   */
  private Compiled countTrue(Ast.Call c, Builtin fn) {
    if (c.args().isEmpty()) {
      issue("wrong-arguments", c, fn.function() + "(...) takes " + fn.arguments() + ", not 0");
      return null;
    }
    List<Compiled> conds = new ArrayList<>();
    for (Ast a : c.args()) {
      Compiled x = compile(a);
      if (x == null
          || !expect(x, Type.Basic.BOOLEAN, "count_true(...) counts true/false conditions")) {
        return null;
      }
      conds.add(x);
    }
    return node(c, new Node.Call(fn), Type.Basic.NUMBER, conds.toArray(new Compiled[0]));
  }

  private Compiled param(Ast.Call c, Builtin fn) {
    if (!arity(c, fn)) {
      return null;
    }
    Ast arg = c.args().get(0);
    if (!(arg instanceof Ast.Name n) || n.parts().size() != 1) {
      issue(
          "wrong-arguments",
          arg,
          "param(...) takes the name of a parameter, such as param(stale_days)");
      return null;
    }
    String name = n.parts().get(0);
    Integer index = env.parameterIndex(name);
    if (index == null) {
      List<String> names = env.parameters().stream().map(Env.Parameter::name).toList();
      issue(
          "unknown-parameter",
          arg,
          "'"
              + name
              + "' is not a parameter of this playbook"
              + DidYouMean.hint(name, names)
              + (names.isEmpty()
                  ? "; it declares none"
                  : "; its parameters are: " + String.join(", ", sorted(names))));
      return null;
    }
    int i = index;
    if (segmentRead == null) {
      segmentRead = c; // a parameter's value may be by segment
    }
    return node(c, new Node.Param(i, name), env.parameters().get(i).type());
  }

  private Compiled evidence(Ast.Call c, Builtin fn) {
    if (!arity(c, fn)) {
      return null;
    }
    Ast arg = c.args().get(0);
    if (!(arg instanceof Ast.Name n) || n.parts().size() != 2) {
      issue(
          "wrong-arguments",
          arg,
          c.function()
              + "(...) takes a methodology element written methodology.element, such as meddic.metrics");
      return null;
    }
    String key = n.dotted();
    if (!env.elements().isEmpty() && !env.elements().contains(key)) {
      issue(
          "unknown-element",
          arg,
          "'"
              + key
              + "' is not an element of this playbook's methodologies"
              + DidYouMean.hint(key, env.elements()));
      return null;
    }
    Node node = new Node.Evidence(fn, key, env.evidenceSlot(key));
    return node(c, node, fn == Builtin.EVIDENCE ? Schema.EVIDENCE_STATUS : Type.Basic.DATE);
  }

  private static List<String> sorted(Collection<String> c) {
    List<String> l = new ArrayList<>(c);
    java.util.Collections.sort(l);
    return l;
  }
}

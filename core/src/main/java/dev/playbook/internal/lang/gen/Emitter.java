package dev.playbook.internal.lang.gen;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DDIV;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DMUL;
import static org.objectweb.asm.Opcodes.DNEG;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2D;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPEQ;
import static org.objectweb.asm.Opcodes.IF_ICMPEQ;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.IF_ICMPNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IOR;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import dev.playbook.internal.lang.Builtin;
import dev.playbook.internal.lang.Compiled;
import dev.playbook.internal.lang.Env;
import dev.playbook.internal.lang.Node;
import dev.playbook.internal.lang.Op;
import dev.playbook.internal.lang.Type;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of a group of conditions and template placeholders: one static method {@code
 * p<i>(Frame)} per expression computes its value, boxed as its closures return it (a condition is
 * computed as an int, 0 false, 1 true, 2 unknown, and boxed at the end); an instance stands for one
 * expression (its {@code part} field), and its {@code eval(Frame)} calls that expression's method.
 * Its static final fields hold the class data (constants and the closures of the nodes not
 * generated) of all the group's conditions, set once when the class initialises, so the JIT sees
 * them as constants.
 *
 * <p>The code keeps one discipline: a jump never leaves the code of the node that made it with
 * values on the operand stack, so every branch target sees the stack its node started with.
 * Intermediate values are kept in locals.
 */
final class Emitter {

  /** The node kinds the generator turns into instructions. */
  enum Shape {
    // true/false
    CONST_BOOL,
    AND,
    OR,
    IMPLIES,
    NOT,
    SET_HAS,
    NUM_CMP,
    STAGE_CMP,
    DATE_CMP,
    CHOICE_CMP,
    SPAN_CMP,
    EQ,
    IN_NUM,
    IN_STAGE,
    IN_ENUM,
    IN_ANY,
    IN_VALUES,
    IS,
    STAGE_ROLE,
    // numbers
    NUM_CONST,
    NEG,
    ARITH,
    SINCE,
    // stages, as ints
    STAGE_CONST,
    STAGE_FIELD,
    // lists: quantifiers as loops over their items
    QUANT,
    COUNT,
    SIZE,
    SUM,
    MIN_MAX,
    SINCE_DATES,
    COUNT_TRUE,
    // true/false on values
    CONTAINS,
    CONTAINS_TEXT,
    // values
    PARAM,
    READ,
    PATH,
    EVIDENCE,
    COALESCE,
    DATE_SHIFT,
    DEFINITION,
    CUSTOM
  }

  private static final String NAME = "dev/playbook/internal/lang/gen/Condition";
  private static final String FN = "dev/playbook/internal/lang/Fn";
  private static final String FRAME = "dev/playbook/internal/lang/Frame";
  private static final String FACTS = "dev/playbook/internal/lang/Facts";
  private static final String ENV = "dev/playbook/internal/lang/Env";
  private static final String SUPPORT = "dev/playbook/internal/lang/gen/Support";
  private static final String OBJECT = "java/lang/Object";
  private static final String INSTANT = "java/time/Instant";
  private static final String LIST = "java/util/List";
  private static final String GETTER = "dev/playbook/internal/lang/Type$Getter";
  private static final String OPS = "dev/playbook/internal/lang/Ops";
  private static final String CHOICE = "dev/playbook/internal/lang/Type$Choice";
  private static final String FUNCTION = "dev/playbook/function/PlaybookFunction";
  private static final String EVAL = "(L" + FRAME + ";)Ljava/lang/Object;";

  /** The local that holds the frame in a condition's method. */
  private static final int FRAME_LOCAL = 0;

  private final Env env;
  private final List<Object> constants = new ArrayList<>();
  private final List<String> descriptors = new ArrayList<>();
  private MethodVisitor mv;
  private int nextLocal;
  private int generated;

  /**
   * The definitions the class's expressions use, by name: method {@code d<i>} computes the i-th.
   */
  private final List<String> definitions = new ArrayList<>();

  Emitter(Env env) {
    this.env = env;
  }

  /** The class data, in the order of the fields {@code c0, c1, ...}. */
  Object[] constants() {
    return constants.toArray();
  }

  /** The nodes written as instructions so far. */
  int generatedNodes() {
    return generated;
  }

  // ---------------------------------------------------------------- which nodes

  /** The kind of {@code c} as the generator writes it, or null when it runs as its closure. */
  static Shape shape(Compiled c, Env env) {
    Type t = c.type();
    if (c.constant()) {
      if (t == Type.Basic.BOOLEAN) {
        return Shape.CONST_BOOL;
      }
      if (t == Type.Basic.NUMBER) {
        return Shape.NUM_CONST;
      }
      return t == Type.Basic.STAGE ? Shape.STAGE_CONST : null;
    }
    List<Compiled> k = c.kids();
    Node n = c.node();
    boolean bool = t == Type.Basic.BOOLEAN;
    if (n instanceof Node.Logical l && bool && k.size() == 2) {
      return switch (l.op()) {
        case AND -> Shape.AND;
        case OR -> Shape.OR;
        default -> Shape.IMPLIES;
      };
    }
    if (n instanceof Node.Arithmetic && t == Type.Basic.NUMBER && k.size() == 2) {
      return k.get(0).type() == Type.Basic.NUMBER && k.get(1).type() == Type.Basic.NUMBER
          ? Shape.ARITH
          : null;
    }
    if ((n instanceof Node.Compare || n instanceof Node.SetHas) && bool && k.size() == 2) {
      return comparison(op(c), k.get(0), k.get(1), env);
    }
    if (n instanceof Node.Unary u && k.size() == 1) {
      if (u.op() == Op.NOT && bool) {
        return Shape.NOT;
      }
      return u.op() == Op.NEGATE && t == Type.Basic.NUMBER && k.get(0).type() == Type.Basic.NUMBER
          ? Shape.NEG
          : null;
    }
    if (n instanceof Node.In && bool && !k.isEmpty()) {
      return in(k, env);
    }
    if (n instanceof Node.Is && bool && k.size() == 1) {
      return Shape.IS;
    }
    if (n instanceof Node.StageRole) {
      return env != null && bool && k.size() == 1 && k.get(0).type() == Type.Basic.STAGE
          ? Shape.STAGE_ROLE
          : null;
    }
    if (n instanceof Node.Call call) {
      return switch (call.function().family()) {
        case ONE_DATE ->
            t == Type.Basic.NUMBER && k.size() == 1 && k.get(0).type() == Type.Basic.DATE
                ? Shape.SINCE
                : null;
        case TWO_DATES ->
            t == Type.Basic.NUMBER
                    && k.size() == 2
                    && k.get(0).type() == Type.Basic.DATE
                    && k.get(1).type() == Type.Basic.DATE
                ? Shape.SINCE_DATES
                : null;
        case COALESCE -> k.size() == 2 ? Shape.COALESCE : null;
        case COUNT_TRUE ->
            t == Type.Basic.NUMBER
                    && !k.isEmpty()
                    && k.stream().allMatch(x -> x.type() == Type.Basic.BOOLEAN)
                ? Shape.COUNT_TRUE
                : null;
        default -> null;
      };
    }
    if (n instanceof Node.Evidence) {
      return k.isEmpty() ? Shape.EVIDENCE : null;
    }
    if (n instanceof Node.Contains ct) {
      return bool && k.size() == 2 ? ct.text() ? Shape.CONTAINS_TEXT : Shape.CONTAINS : null;
    }
    if (n instanceof Node.DateShift) {
      return t == Type.Basic.DATE && k.size() == 2 ? Shape.DATE_SHIFT : null;
    }
    if (n instanceof Node.DefinitionRef d) {
      return env != null
              && k.isEmpty()
              && env.definition(d.name()) != null
              && env.definition(d.name()).compiled() != null
          ? Shape.DEFINITION
          : null;
    }
    if (n instanceof Node.Custom) {
      return Shape.CUSTOM;
    }
    if (n instanceof Node.Param) {
      return env != null && k.isEmpty() ? Shape.PARAM : null;
    }
    if (n instanceof Node.Quantifier q
        && k.size() == 2
        && c.slot() >= 0
        && k.get(0).type() instanceof Type.ListOf
        && k.get(1).type() == Type.Basic.BOOLEAN) {
      if (q.function() == Builtin.COUNT) {
        return t == Type.Basic.NUMBER ? Shape.COUNT : null;
      }
      return bool ? Shape.QUANT : null;
    }
    if (n instanceof Node.Size) {
      return t == Type.Basic.NUMBER
              && k.size() == 1
              && (k.get(0).type() instanceof Type.ListOf || k.get(0).type() instanceof Type.SetOf)
          ? Shape.SIZE
          : null;
    }
    if (n instanceof Node.Aggregate a) {
      boolean sum = a.function() == Builtin.SUM;
      return c.slot() >= 0
              && (k.size() == 2 || k.size() == 3 && k.get(2).type() == Type.Basic.BOOLEAN)
              && k.get(0).type() instanceof Type.ListOf
              && k.get(1).type() == t
              && (t == Type.Basic.NUMBER || !sum && t == Type.Basic.DATE)
          ? sum ? Shape.SUM : Shape.MIN_MAX
          : null;
    }
    if (n instanceof Node.Read r
        && t == Type.Basic.STAGE
        && env != null
        && !env.isPhaseView()
        && r.scope() == 0
        && r.path().equals("stage")
        && k.isEmpty()) {
      return Shape.STAGE_FIELD;
    }
    if (n instanceof Node.Read r && r.getter() != null && r.scope() >= 0 && k.isEmpty()) {
      return Shape.READ;
    }
    if (n instanceof Node.Read r && !r.steps().isEmpty() && r.scope() >= 0 && k.isEmpty()) {
      return Shape.PATH;
    }
    return null;
  }

  private static Shape comparison(Op op, Compiled l, Compiled r, Env env) {
    boolean equality = op.isEquality();
    Type a = l.type();
    Type b = r.type();
    if (equality && a instanceof Type.SetOf s && s.element().equals(b)) {
      return Shape.SET_HAS;
    }
    if (a == Type.Basic.NUMBER && b == Type.Basic.NUMBER) {
      return Shape.NUM_CMP;
    }
    if (a == Type.Basic.SPAN && (b == Type.Basic.SPAN || b == Type.Basic.NUMBER)
        || a == Type.Basic.NUMBER && b == Type.Basic.SPAN) {
      // lengths in days (the checker lets no business-day span be compared)
      return Shape.SPAN_CMP;
    }
    if (textual(a) && textual(b)) {
      return equality ? Shape.EQ : null;
    }
    if (!a.equals(b)) {
      return null;
    }
    if (a == Type.Basic.BOOLEAN || a instanceof Type.SetOf) {
      return equality ? Shape.EQ : null;
    }
    if (a instanceof Type.Choice ch) {
      if (ch.ordered() && !(equality && r.constant() && !l.constant())) {
        // by rank, as the closures compare ordered choices
        return Shape.CHOICE_CMP;
      }
      // identity (the closures' test against a constant) and equals agree on enum constants
      return equality && enums(ch.values()) ? Shape.EQ : null;
    }
    if (a == Type.Basic.DATE) {
      return Shape.DATE_CMP;
    }
    if (a == Type.Basic.STAGE && env != null && !env.isPhaseView()) {
      return Shape.STAGE_CMP;
    }
    return null;
  }

  private static Shape in(List<Compiled> k, Env env) {
    Type subject = k.get(0).type();
    boolean set = subject instanceof Type.SetOf;
    Type element = set ? ((Type.SetOf) subject).element() : subject;
    if (subject instanceof Type.ListOf) {
      return null;
    }
    if (element == Type.Basic.STAGE && (env == null || env.isPhaseView())) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (Compiled item : k.subList(1, k.size())) {
      if (!item.constant()) {
        // items computed per deal, each compared as it comes
        return Shape.IN_VALUES;
      }
      values.add(item.eval(null));
    }
    if (!set && subject == Type.Basic.NUMBER) {
      return Shape.IN_NUM;
    }
    if (!set && subject == Type.Basic.STAGE) {
      return Shape.IN_STAGE;
    }
    if (!set && subject instanceof Type.Choice && enums(values)) {
      return Shape.IN_ENUM;
    }
    return Shape.IN_ANY;
  }

  private static boolean textual(Type t) {
    return t == Type.Basic.TEXT || t == Type.Basic.SEGMENT;
  }

  private static boolean enums(List<Object> values) {
    for (Object v : values) {
      if (!(v instanceof Enum<?>)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- the class

  /** The class of one condition. */
  byte[] classBytes(Compiled condition) {
    return classBytes(List.of(condition));
  }

  /**
   * The class of {@code conditions}, each an expression that {@link #writes}; the instance made
   * with {@code new Condition(i)} evaluates expression {@code i}.
   */
  byte[] classBytes(List<Compiled> conditions) {
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String type1, String type2) {
            return OBJECT; // no class is loaded to merge frames; locals are read as declared
          }
        };
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, NAME, null, OBJECT, new String[] {FN});
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "part", "I", null, null).visitEnd();

    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(I)V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, OBJECT, "<init>", "()V", false);
    init.visitVarInsn(ALOAD, 0);
    init.visitVarInsn(ILOAD, 1);
    init.visitFieldInsn(PUTFIELD, NAME, "part", "I");
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    String part = "(L" + FRAME + ";)Ljava/lang/Object;";
    for (int i = 0; i < conditions.size(); i++) {
      mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "p" + i, part, null, null);
      mv.visitCode();
      nextLocal = FRAME_LOCAL + 1;
      value(conditions.get(i));
      mv.visitInsn(ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    // the definitions used, each a method of its own; a body may add more definitions. Their nodes
    // are not the conditions' own, so they are not counted as generated nodes of the conditions.
    int counted = generated;
    for (int i = 0; i < definitions.size(); i++) {
      mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "d" + i, part, null, null);
      mv.visitCode();
      nextLocal = FRAME_LOCAL + 1;
      value(env.definition(definitions.get(i)).compiled());
      mv.visitInsn(ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    generated = counted;

    MethodVisitor eval = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "eval", EVAL, null, null);
    eval.visitCode();
    Label[] cases = new Label[conditions.size()];
    for (int i = 0; i < cases.length; i++) {
      cases[i] = new Label();
    }
    eval.visitVarInsn(ALOAD, 0);
    eval.visitFieldInsn(GETFIELD, NAME, "part", "I");
    // the last condition is also the default: the constructor is called with valid indexes only
    eval.visitTableSwitchInsn(0, cases.length - 1, cases[cases.length - 1], cases);
    for (int i = 0; i < cases.length; i++) {
      eval.visitLabel(cases[i]);
      eval.visitVarInsn(ALOAD, 1);
      eval.visitMethodInsn(INVOKESTATIC, NAME, "p" + i, part, false);
      eval.visitInsn(ARETURN);
    }
    eval.visitMaxs(0, 0);
    eval.visitEnd();

    for (int i = 0; i < descriptors.size(); i++) {
      cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "c" + i, descriptors.get(i), null, null)
          .visitEnd();
    }
    MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitMethodInsn(
        INVOKESTATIC,
        "java/lang/invoke/MethodHandles",
        "lookup",
        "()Ljava/lang/invoke/MethodHandles$Lookup;",
        false);
    clinit.visitLdcInsn("_");
    clinit.visitLdcInsn(org.objectweb.asm.Type.getType("[Ljava/lang/Object;"));
    clinit.visitMethodInsn(
        INVOKESTATIC,
        "java/lang/invoke/MethodHandles",
        "classData",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)"
            + "Ljava/lang/Object;",
        false);
    clinit.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
    clinit.visitVarInsn(ASTORE, 0);
    for (int i = 0; i < descriptors.size(); i++) {
      String d = descriptors.get(i);
      clinit.visitVarInsn(ALOAD, 0);
      clinit.visitLdcInsn(i);
      clinit.visitInsn(AALOAD);
      switch (d) {
        case "D" -> {
          clinit.visitTypeInsn(CHECKCAST, "java/lang/Double");
          clinit.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
        }
        case "I" -> {
          clinit.visitTypeInsn(CHECKCAST, "java/lang/Integer");
          clinit.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
        }
        default -> clinit.visitTypeInsn(CHECKCAST, d.substring(1, d.length() - 1));
      }
      clinit.visitFieldInsn(PUTSTATIC, NAME, "c" + i, d);
    }
    clinit.visitInsn(RETURN);
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Adds {@code value} to the class data and pushes it: an Object, a double or an int. */
  private void constant(Object value, String descriptor) {
    int i = constants.size();
    constants.add(value);
    descriptors.add(descriptor);
    mv.visitFieldInsn(GETSTATIC, NAME, "c" + i, descriptor);
  }

  private int local(int size) {
    int l = nextLocal;
    nextLocal += size;
    return l;
  }

  private void push(int i) {
    mv.visitInsn(ICONST_0 + i);
  }

  private void frame() {
    mv.visitVarInsn(ALOAD, FRAME_LOCAL);
  }

  private void facts() {
    frame();
    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "facts", "()L" + FACTS + ";", false);
  }

  // ---------------------------------------------------------------- values

  /**
   * Whether {@link #classBytes} writes {@code c}: a condition, or a value (a placeholder of a
   * template) of a kind the generator writes.
   */
  static boolean writes(Compiled c, Env env) {
    Shape s = shape(c, env);
    if (s == null) {
      return false;
    }
    Type t = c.type();
    return t == Type.Basic.BOOLEAN
        || t == Type.Basic.NUMBER
        || s == Shape.STAGE_FIELD
        || s == Shape.STAGE_CONST
        || s == Shape.PARAM
        || boxed(s);
  }

  /**
   * Pushes the value of {@code c}, boxed as its closure returns it (null when missing): true/false
   * values and numbers computed as generated code, stages as their index.
   */
  private void value(Compiled c) {
    Shape s = shape(c, env);
    Type t = c.type();
    if (boxed(s) || c.constant() && t != Type.Basic.BOOLEAN) {
      obj(c);
      return;
    }
    if (t == Type.Basic.BOOLEAN) {
      bool(c);
      mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "boxed", "(I)Ljava/lang/Object;", false);
      return;
    }
    boolean number = t == Type.Basic.NUMBER;
    if (!number && s != Shape.STAGE_FIELD) {
      obj(c);
      return;
    }
    Label missing = new Label();
    Label done = new Label();
    int v = local(1);
    if (number) {
      num(c, missing);
      mv.visitMethodInsn(
          INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
    } else {
      stage(c, missing);
      mv.visitMethodInsn(
          INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
    }
    mv.visitVarInsn(ASTORE, v);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(missing);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, v);
    mv.visitLabel(done);
    mv.visitVarInsn(ALOAD, v);
  }

  /** Pushes the value of {@code c} as its closure returns it (null when missing). */
  private void obj(Compiled c) {
    Shape s = shape(c, env);
    if (c.constant()) {
      generated++;
      constant(c.eval(null), "Ljava/lang/Object;");
      return;
    }
    if (s == Shape.PARAM) {
      generated++;
      facts();
      mv.visitLdcInsn(((Node.Param) c.node()).index());
      mv.visitMethodInsn(INVOKEVIRTUAL, FACTS, "param", "(I)Ljava/lang/Object;", false);
      return;
    }
    if (s == Shape.READ || s == Shape.PATH) {
      generated++;
      Node.Read r = (Node.Read) c.node();
      read(r.scope(), r.field());
      for (Node.Read.Step step : r.steps()) {
        if (step instanceof Node.Read.Key key) {
          constant(key.key(), "Ljava/lang/String;");
          mv.visitMethodInsn(
              INVOKESTATIC,
              OPS,
              "number",
              "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;",
              false);
        } else {
          int rec = local(1);
          mv.visitVarInsn(ASTORE, rec);
          constant(((Node.Read.Sub) step).getter(), "L" + GETTER + ";");
          facts();
          mv.visitVarInsn(ALOAD, rec);
          mv.visitMethodInsn(
              INVOKESTATIC,
              OPS,
              "field",
              "(L" + GETTER + ";L" + FACTS + ";Ljava/lang/Object;)Ljava/lang/Object;",
              false);
        }
      }
      return;
    }
    if (s == Shape.EVIDENCE) {
      generated++;
      Node.Evidence e = (Node.Evidence) c.node();
      facts();
      mv.visitLdcInsn(e.slot());
      constant(e.key(), "Ljava/lang/String;");
      mv.visitMethodInsn(
          INVOKESTATIC,
          OPS,
          e.function() == Builtin.EVIDENCE ? "evidenceStatus" : "evidenceUpdated",
          "(L" + FACTS + ";ILjava/lang/String;)Ljava/lang/Object;",
          false);
      return;
    }
    if (s == Shape.COALESCE) {
      generated++;
      List<Compiled> k = c.kids();
      int v = objInto(k.get(0));
      Label done = new Label();
      mv.visitVarInsn(ALOAD, v);
      mv.visitJumpInsn(IFNONNULL, done);
      obj(k.get(1));
      mv.visitVarInsn(ASTORE, v);
      mv.visitLabel(done);
      mv.visitVarInsn(ALOAD, v);
      return;
    }
    if (s == Shape.DATE_SHIFT) {
      generated++;
      List<Compiled> k = c.kids();
      int x = objInto(k.get(0));
      int y = objInto(k.get(1));
      mv.visitVarInsn(ALOAD, x);
      mv.visitVarInsn(ALOAD, y);
      mv.visitLdcInsn(((Node.DateShift) c.node()).op() == Op.PLUS ? 1 : -1);
      mv.visitMethodInsn(
          INVOKESTATIC,
          OPS,
          "shift",
          "(Ljava/lang/Object;Ljava/lang/Object;I)Ljava/lang/Object;",
          false);
      return;
    }
    if (s == Shape.DEFINITION) {
      generated++;
      definition((Node.DefinitionRef) c.node());
      return;
    }
    if (s == Shape.CUSTOM) {
      generated++;
      custom(((Node.Custom) c.node()).function(), c.kids());
      return;
    }
    if (s == Shape.MIN_MAX) {
      generated++;
      minMax(c);
      return;
    }
    Type t = c.type();
    if (s != null
        && (t == Type.Basic.BOOLEAN || t == Type.Basic.NUMBER || s == Shape.STAGE_FIELD)) {
      // true/false, a number or a stage computed unboxed: boxed as its closure returns it
      value(c);
      return;
    }
    constant(c.fn(), "L" + FN + ";");
    frame();
    mv.visitMethodInsn(INVOKEINTERFACE, FN, "eval", EVAL, true);
  }

  /** Evaluates {@code c} into a new local and returns the local. */
  private int objInto(Compiled c) {
    obj(c);
    int l = local(1);
    mv.visitVarInsn(ASTORE, l);
    return l;
  }

  /**
   * Pushes the field {@code r}: its getter, a constant of the class, called on the deal's facts and
   * the item it is read from (null for the deal; missing when no item is bound).
   */
  private void read(int scope, Type.Getter getter) {
    String get = "(L" + FACTS + ";Ljava/lang/Object;)Ljava/lang/Object;";
    if (scope == 0) {
      constant(getter, "L" + GETTER + ";");
      facts();
      mv.visitInsn(ACONST_NULL);
      mv.visitMethodInsn(INVOKEINTERFACE, GETTER, "get", get, true);
      return;
    }
    int item = local(1);
    int value = local(1);
    Label bound = new Label();
    Label done = new Label();
    frame();
    mv.visitLdcInsn(scope - 1);
    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "local", "(I)Ljava/lang/Object;", false);
    mv.visitVarInsn(ASTORE, item);
    mv.visitVarInsn(ALOAD, item);
    mv.visitJumpInsn(IFNONNULL, bound);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, value);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(bound);
    constant(getter, "L" + GETTER + ";");
    facts();
    mv.visitVarInsn(ALOAD, item);
    mv.visitMethodInsn(INVOKEINTERFACE, GETTER, "get", get, true);
    mv.visitVarInsn(ASTORE, value);
    mv.visitLabel(done);
    mv.visitVarInsn(ALOAD, value);
  }

  /**
   * Pushes the value of a definition: from the deal's memo once computed, else computed by the
   * definition's own method with the items of enclosing walks kept around it (its walks bind the
   * same local slots), and kept in the memo, as the closures do. A failure inside ends the deal's
   * evaluation, so the items need not be put back then.
   */
  private void definition(Node.DefinitionRef d) {
    int method = definitions.indexOf(d.name());
    if (method < 0) {
      method = definitions.size();
      definitions.add(d.name());
    }
    int v = local(1);
    Label compute = new Label();
    Label done = new Label();
    memoized(d.memo(), v, compute);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(compute);
    int saved = local(1);
    frame();
    mv.visitMethodInsn(INVOKESTATIC, OPS, "save", "(L" + FRAME + ";)[Ljava/lang/Object;", false);
    mv.visitVarInsn(ASTORE, saved);
    frame();
    mv.visitMethodInsn(INVOKESTATIC, NAME, "d" + method, EVAL, false);
    mv.visitVarInsn(ASTORE, v);
    frame();
    mv.visitVarInsn(ALOAD, saved);
    mv.visitMethodInsn(
        INVOKESTATIC, OPS, "restore", "(L" + FRAME + ";[Ljava/lang/Object;)V", false);
    remember(d.memo(), () -> mv.visitVarInsn(ALOAD, v));
    mv.visitLabel(done);
    mv.visitVarInsn(ALOAD, v);
  }

  /**
   * Pushes the value of a call of company function {@code fn}: its arguments in order, missing at
   * the first missing one (the rest are not evaluated), else the function's value.
   */
  private void custom(dev.playbook.function.PlaybookFunction fn, List<Compiled> args) {
    int values = local(1);
    int result = local(1);
    Label missing = new Label();
    Label done = new Label();
    mv.visitLdcInsn(args.size());
    mv.visitTypeInsn(ANEWARRAY, OBJECT);
    mv.visitVarInsn(ASTORE, values);
    for (int i = 0; i < args.size(); i++) {
      int a = objInto(args.get(i));
      mv.visitVarInsn(ALOAD, a);
      mv.visitJumpInsn(IFNULL, missing);
      mv.visitVarInsn(ALOAD, values);
      mv.visitLdcInsn(i);
      mv.visitVarInsn(ALOAD, a);
      mv.visitInsn(AASTORE);
    }
    constant(fn, "L" + FUNCTION + ";");
    mv.visitVarInsn(ALOAD, values);
    frame();
    mv.visitMethodInsn(
        INVOKESTATIC,
        OPS,
        "call",
        "(L" + FUNCTION + ";[Ljava/lang/Object;L" + FRAME + ";)Ljava/lang/Object;",
        false);
    mv.visitVarInsn(ASTORE, result);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(missing);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, result);
    mv.visitLabel(done);
    mv.visitVarInsn(ALOAD, result);
  }

  /** Whether {@code s} is a value that {@link #obj} pushes as an Object (or no generated node). */
  private static boolean boxed(Shape s) {
    return s == null
        || switch (s) {
          case PARAM, READ, PATH, MIN_MAX, EVIDENCE, COALESCE, DATE_SHIFT, DEFINITION, CUSTOM ->
              true;
          default -> false;
        };
  }

  /** Pushes the number {@code c}, or jumps to {@code missing} when it is missing. */
  private void num(Compiled c, Label missing) {
    Shape s = shape(c, env);
    if (boxed(s)) {
      int v = objInto(c);
      mv.visitVarInsn(ALOAD, v);
      mv.visitJumpInsn(IFNULL, missing);
      mv.visitVarInsn(ALOAD, v);
      mv.visitTypeInsn(CHECKCAST, "java/lang/Double");
      mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
      return;
    }
    generated++;
    List<Compiled> k = c.kids();
    switch (s) {
      case NUM_CONST -> constant(c.eval(null), "D");
      case NEG -> {
        num(k.get(0), missing);
        mv.visitInsn(DNEG);
      }
      case ARITH -> {
        int[] x = numInto(k.get(0));
        int[] y = numInto(k.get(1));
        eitherMissing(x, y, missing);
        Op op = ((Node.Arithmetic) c.node()).op();
        if (op == Op.DIVIDE) {
          mv.visitVarInsn(DLOAD, y[0]);
          mv.visitInsn(DCONST_0);
          mv.visitInsn(DCMPL);
          mv.visitJumpInsn(IFEQ, missing);
        }
        mv.visitVarInsn(DLOAD, x[0]);
        mv.visitVarInsn(DLOAD, y[0]);
        mv.visitInsn(
            switch (op) {
              case PLUS -> DADD;
              case MINUS -> DSUB;
              case TIMES -> DMUL;
              default -> DDIV;
            });
      }
      case SINCE -> {
        Builtin fn = ((Node.Call) c.node()).function();
        int date = objInto(k.get(0));
        mv.visitVarInsn(ALOAD, date);
        mv.visitJumpInsn(IFNULL, missing);
        push(fn.unit().code());
        if (fn.since()) {
          mv.visitVarInsn(ALOAD, date);
          mv.visitTypeInsn(CHECKCAST, INSTANT);
          asOf();
        } else {
          asOf();
          mv.visitVarInsn(ALOAD, date);
          mv.visitTypeInsn(CHECKCAST, INSTANT);
        }
        mv.visitMethodInsn(
            INVOKESTATIC, SUPPORT, "between", "(IL" + INSTANT + ";L" + INSTANT + ";)D", false);
      }
      case SIZE -> {
        int list = objInto(k.get(0));
        mv.visitVarInsn(ALOAD, list);
        mv.visitJumpInsn(IFNULL, missing);
        mv.visitVarInsn(ALOAD, list);
        mv.visitTypeInsn(CHECKCAST, "java/util/Collection");
        mv.visitMethodInsn(INVOKEINTERFACE, "java/util/Collection", "size", "()I", true);
        mv.visitInsn(I2D);
      }
      case SINCE_DATES -> {
        int unit = ((Node.Call) c.node()).function().unit().code();
        int a = objInto(k.get(0));
        int b = objInto(k.get(1));
        nulls(a, b, missing);
        push(unit);
        mv.visitVarInsn(ALOAD, a);
        mv.visitTypeInsn(CHECKCAST, INSTANT);
        mv.visitVarInsn(ALOAD, b);
        mv.visitTypeInsn(CHECKCAST, INSTANT);
        mv.visitMethodInsn(
            INVOKESTATIC, SUPPORT, "between", "(IL" + INSTANT + ";L" + INSTANT + ";)D", false);
      }
      case COUNT_TRUE -> {
        int n = local(1);
        push(0);
        mv.visitVarInsn(ISTORE, n);
        for (Compiled x : k) {
          Label no = new Label();
          bool(x);
          push(1);
          mv.visitJumpInsn(IF_ICMPNE, no);
          mv.visitIincInsn(n, 1);
          mv.visitLabel(no);
        }
        mv.visitVarInsn(ILOAD, n);
        mv.visitInsn(I2D);
      }
      case COUNT, SUM -> memoNumber(c, s, missing);
      default -> throw new IllegalStateException("not a number: " + s);
    }
  }

  private void asOf() {
    facts();
    mv.visitMethodInsn(INVOKEVIRTUAL, FACTS, "asOf", "()L" + INSTANT + ";", false);
  }

  /**
   * Evaluates the number {@code c} into new locals: {@code [value, missing]}, the value a double (0
   * when missing) and missing an int (1 when missing).
   */
  private int[] numInto(Compiled c) {
    int v = local(2);
    int m = local(1);
    Label missing = new Label();
    Label done = new Label();
    num(c, missing);
    mv.visitVarInsn(DSTORE, v);
    push(0);
    mv.visitVarInsn(ISTORE, m);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(missing);
    mv.visitInsn(DCONST_0);
    mv.visitVarInsn(DSTORE, v);
    push(1);
    mv.visitVarInsn(ISTORE, m);
    mv.visitLabel(done);
    return new int[] {v, m};
  }

  private void eitherMissing(int[] x, int[] y, Label missing) {
    mv.visitVarInsn(ILOAD, x[1]);
    mv.visitVarInsn(ILOAD, y[1]);
    mv.visitInsn(IOR);
    mv.visitJumpInsn(IFNE, missing);
  }

  /** Pushes the stage {@code c} as an int, or jumps to {@code missing} when it is missing. */
  private void stage(Compiled c, Label missing) {
    Shape s = shape(c, env);
    if (s == Shape.STAGE_CONST) {
      generated++;
      constant(c.eval(null), "I");
      return;
    }
    if (s == Shape.STAGE_FIELD) {
      // the deal's stage, as Facts holds it: no Integer is made
      generated++;
      int v = local(1);
      facts();
      mv.visitMethodInsn(INVOKEVIRTUAL, FACTS, "stageIndex", "()I", false);
      mv.visitVarInsn(ISTORE, v);
      mv.visitVarInsn(ILOAD, v);
      mv.visitJumpInsn(IFLT, missing);
      mv.visitVarInsn(ILOAD, v);
      return;
    }
    int v = objInto(c);
    mv.visitVarInsn(ALOAD, v);
    mv.visitJumpInsn(IFNULL, missing);
    mv.visitVarInsn(ALOAD, v);
    mv.visitTypeInsn(CHECKCAST, "java/lang/Integer");
    mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
  }

  /** Like {@link #numInto}, for a stage. */
  private int[] stageInto(Compiled c) {
    int v = local(1);
    int m = local(1);
    Label missing = new Label();
    Label done = new Label();
    stage(c, missing);
    mv.visitVarInsn(ISTORE, v);
    push(0);
    mv.visitVarInsn(ISTORE, m);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(missing);
    push(0);
    mv.visitVarInsn(ISTORE, v);
    push(1);
    mv.visitVarInsn(ISTORE, m);
    mv.visitLabel(done);
    return new int[] {v, m};
  }

  // ---------------------------------------------------------------- true/false

  /** Pushes {@code c} as an int: 0 false, 1 true, 2 unknown. */
  private void bool(Compiled c) {
    Shape s = shape(c, env);
    if (boxed(s)) {
      obj(c);
      mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "bool3", "(Ljava/lang/Object;)I", false);
      return;
    }
    generated++;
    List<Compiled> k = c.kids();
    Label end = new Label();
    Label unknown = new Label();
    switch (s) {
      case CONST_BOOL -> {
        Object v = c.eval(null);
        push(v == null ? 2 : Boolean.TRUE.equals(v) ? 1 : 0);
        return;
      }
      case AND -> logic(k, 0, 0, end, unknown);
      case OR -> logic(k, 1, 1, end, unknown);
      case IMPLIES -> logic(k, 0, 1, end, unknown);
      case NOT -> {
        bool(k.get(0));
        int v = local(1);
        mv.visitVarInsn(ISTORE, v);
        mv.visitVarInsn(ILOAD, v);
        push(2);
        mv.visitJumpInsn(IF_ICMPEQ, unknown);
        push(1);
        mv.visitVarInsn(ILOAD, v);
        mv.visitInsn(ISUB);
        mv.visitJumpInsn(GOTO, end);
      }
      case NUM_CMP -> {
        int[] x = numInto(k.get(0));
        int[] y = numInto(k.get(1));
        eitherMissing(x, y, unknown);
        // -0 is 0, as the closures have it
        mv.visitVarInsn(DLOAD, x[0]);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DLOAD, y[0]);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DADD);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "compare", "(DD)I", false);
        holds(op(c), end);
      }
      case STAGE_CMP -> {
        int[] x = stageInto(k.get(0));
        int[] y = stageInto(k.get(1));
        eitherMissing(x, y, unknown);
        mv.visitVarInsn(ILOAD, x[0]);
        mv.visitVarInsn(ILOAD, y[0]);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compare", "(II)I", false);
        holds(op(c), end);
      }
      case DATE_CMP -> {
        int x = objInto(k.get(0));
        int y = objInto(k.get(1));
        nulls(x, y, unknown);
        mv.visitVarInsn(ALOAD, x);
        mv.visitTypeInsn(CHECKCAST, INSTANT);
        mv.visitVarInsn(ALOAD, y);
        mv.visitTypeInsn(CHECKCAST, INSTANT);
        mv.visitMethodInsn(INVOKEVIRTUAL, INSTANT, "compareTo", "(L" + INSTANT + ";)I", false);
        holds(op(c), end);
      }
      case SPAN_CMP -> {
        int x = objInto(k.get(0));
        int y = objInto(k.get(1));
        nulls(x, y, unknown);
        mv.visitVarInsn(ALOAD, x);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "days", "(Ljava/lang/Object;)D", false);
        mv.visitVarInsn(ALOAD, y);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "days", "(Ljava/lang/Object;)D", false);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "compare", "(DD)I", false);
        holds(op(c), end);
      }
      case CHOICE_CMP -> {
        String choice = "L" + CHOICE + ";";
        Type.Choice t = (Type.Choice) k.get(0).type();
        int x = objInto(k.get(0));
        int y = objInto(k.get(1));
        nulls(x, y, unknown);
        constant(t, choice);
        mv.visitVarInsn(ALOAD, x);
        mv.visitMethodInsn(INVOKEVIRTUAL, CHOICE, "rank", "(Ljava/lang/Object;)I", false);
        constant(t, choice);
        mv.visitVarInsn(ALOAD, y);
        mv.visitMethodInsn(INVOKEVIRTUAL, CHOICE, "rank", "(Ljava/lang/Object;)I", false);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compare", "(II)I", false);
        holds(op(c), end);
      }
      case EQ -> {
        int x = objInto(k.get(0));
        int y = objInto(k.get(1));
        nulls(x, y, unknown);
        mv.visitVarInsn(ALOAD, x);
        mv.visitVarInsn(ALOAD, y);
        mv.visitMethodInsn(INVOKEVIRTUAL, OBJECT, "equals", "(Ljava/lang/Object;)Z", false);
        if (op(c) == Op.NE) {
          push(1);
          mv.visitInsn(IXOR);
        }
        mv.visitJumpInsn(GOTO, end);
      }
      case SET_HAS, CONTAINS -> {
        // 'role == champion' and 'role contains champion'; 'role != champion' negated
        int set = objInto(k.get(0));
        int v = objInto(k.get(1));
        nulls(set, v, unknown);
        mv.visitVarInsn(ALOAD, set);
        mv.visitTypeInsn(CHECKCAST, "java/util/Collection");
        mv.visitVarInsn(ALOAD, v);
        mv.visitMethodInsn(
            INVOKEINTERFACE, "java/util/Collection", "contains", "(Ljava/lang/Object;)Z", true);
        if (s == Shape.SET_HAS && op(c) == Op.NE) {
          push(1);
          mv.visitInsn(IXOR);
        }
        mv.visitJumpInsn(GOTO, end);
      }
      case IN_NUM, IN_STAGE, IN_ENUM, IN_ANY, IN_VALUES -> in(c, s, end, unknown);
      case CONTAINS_TEXT -> {
        int x = objInto(k.get(0));
        int y = objInto(k.get(1));
        mv.visitVarInsn(ALOAD, x);
        mv.visitVarInsn(ALOAD, y);
        mv.visitMethodInsn(
            INVOKESTATIC,
            OPS,
            "containsText",
            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
            false);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "bool3", "(Ljava/lang/Object;)I", false);
        mv.visitJumpInsn(GOTO, end);
      }
      case QUANT -> {
        int m = ((Node.Quantifier) c.node()).memo();
        int v = local(1);
        Label compute = new Label();
        if (m >= 0) {
          // computed once per deal: the memo the closures of the same expression share
          memoized(m, v, compute);
          mv.visitVarInsn(ALOAD, v);
          mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "bool3", "(Ljava/lang/Object;)I", false);
          mv.visitJumpInsn(GOTO, end);
        }
        mv.visitLabel(compute);
        int r = loop(c, ((Node.Quantifier) c.node()).function());
        remember(
            m,
            () -> {
              mv.visitVarInsn(ILOAD, r);
              mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "boxed", "(I)Ljava/lang/Object;", false);
            });
        mv.visitVarInsn(ILOAD, r);
        mv.visitJumpInsn(GOTO, end);
      }
      case IS -> {
        Compiled subject = k.get(0);
        boolean present = ((Node.Is) c.node()).present();
        Shape inner = shape(subject, env);
        if (subject.type() == Type.Basic.NUMBER && inner != null && inner != Shape.PARAM) {
          int[] x = numInto(subject);
          mv.visitVarInsn(ILOAD, x[1]); // 1 when missing
          if (present) {
            push(1);
            mv.visitInsn(IXOR);
          }
        } else if (subject.type() == Type.Basic.STAGE && inner != null) {
          int[] x = stageInto(subject);
          mv.visitVarInsn(ILOAD, x[1]);
          if (present) {
            push(1);
            mv.visitInsn(IXOR);
          }
        } else {
          obj(subject);
          Label yes = new Label();
          mv.visitJumpInsn(present ? IFNONNULL : IFNULL, yes);
          push(0);
          mv.visitJumpInsn(GOTO, end);
          mv.visitLabel(yes);
          push(1);
        }
        mv.visitJumpInsn(GOTO, end);
      }
      case STAGE_ROLE -> {
        int[] x = stageInto(k.get(0));
        mv.visitVarInsn(ILOAD, x[1]);
        mv.visitJumpInsn(IFNE, unknown);
        constant(env, "L" + ENV + ";");
        mv.visitVarInsn(ILOAD, x[0]);
        constant(((Node.StageRole) c.node()).role().role(), "Ljava/lang/String;");
        mv.visitMethodInsn(
            INVOKESTATIC, SUPPORT, "roleIs", "(L" + ENV + ";ILjava/lang/String;)Z", false);
        mv.visitJumpInsn(GOTO, end);
      }
      default -> throw new IllegalStateException("not true/false: " + s);
    }
    mv.visitLabel(unknown);
    push(2);
    mv.visitLabel(end);
  }

  /**
   * Loads memo {@code m} of the deal into local {@code v}, and jumps to {@code compute} when it has
   * not been computed yet.
   */
  private void memoized(int m, int v, Label compute) {
    facts();
    mv.visitLdcInsn(m);
    mv.visitMethodInsn(INVOKEVIRTUAL, FACTS, "memoized", "(I)Ljava/lang/Object;", false);
    mv.visitVarInsn(ASTORE, v);
    mv.visitVarInsn(ALOAD, v);
    mv.visitFieldInsn(GETSTATIC, FACTS, "NOT_COMPUTED", "Ljava/lang/Object;");
    mv.visitJumpInsn(IF_ACMPEQ, compute);
  }

  /**
   * With a memo ({@code m >= 0}), keeps the value that {@code value} pushes (boxed, as the closures
   * keep it) in memo {@code m} of the deal; without, writes nothing.
   */
  private void remember(int m, Runnable value) {
    if (m < 0) {
      return;
    }
    facts();
    mv.visitLdcInsn(m);
    value.run();
    mv.visitMethodInsn(INVOKEVIRTUAL, FACTS, "remember", "(ILjava/lang/Object;)V", false);
  }

  /**
   * Pushes {@code count(list, condition)} or {@code sum(list, value[, condition])}: from the deal's
   * memo when the expression has one and it is computed, else computed and, with a memo, kept there
   * as the closures keep it (a boxed number).
   */
  private void memoNumber(Compiled c, Shape s, Label missing) {
    int m =
        s == Shape.COUNT ? ((Node.Quantifier) c.node()).memo() : ((Node.Aggregate) c.node()).memo();
    Label compute = new Label();
    Label done = new Label();
    int d = local(2);
    if (m >= 0) {
      int v = local(1);
      memoized(m, v, compute);
      mv.visitVarInsn(ALOAD, v);
      mv.visitJumpInsn(IFNULL, missing);
      mv.visitVarInsn(ALOAD, v);
      mv.visitTypeInsn(CHECKCAST, "java/lang/Double");
      mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
      mv.visitVarInsn(DSTORE, d);
      mv.visitJumpInsn(GOTO, done);
    }
    mv.visitLabel(compute);
    if (s == Shape.COUNT) {
      int n = loop(c, Builtin.COUNT);
      mv.visitVarInsn(ILOAD, n);
      mv.visitInsn(I2D);
    } else {
      sum(c);
    }
    mv.visitVarInsn(DSTORE, d);
    remember(
        m,
        () -> {
          mv.visitVarInsn(DLOAD, d);
          mv.visitMethodInsn(
              INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
        });
    mv.visitLabel(done);
    mv.visitVarInsn(DLOAD, d);
  }

  /**
   * The walk of a list as the closures make it: the list (none is an empty one), then for each item
   * one step of the evaluation's budget, the item bound to the quantifier's slot, and its
   * condition. Returns the local that holds the result: for {@code any}, {@code none} and {@code
   * all} 1 or 0 (stopping at the first item that decides), for {@code count} the number of items
   * whose condition is true.
   */
  private int loop(Compiled c, Builtin q) {
    List<Compiled> k = c.kids();
    int r = local(1);
    Label decided = new Label();
    push(q == Builtin.ANY || q == Builtin.COUNT ? 0 : 1);
    mv.visitVarInsn(ISTORE, r); // the result when no item decides
    Walk w = begin(k.get(0), c.slot(), null);
    bool(k.get(1));
    push(1);
    switch (q) {
      case ANY, NONE -> {
        mv.visitJumpInsn(IF_ICMPNE, w.next());
        push(q == Builtin.ANY ? 1 : 0);
        mv.visitVarInsn(ISTORE, r);
        mv.visitJumpInsn(GOTO, decided);
      }
      case ALL -> {
        mv.visitJumpInsn(IF_ICMPEQ, w.next());
        push(0);
        mv.visitVarInsn(ISTORE, r);
        mv.visitJumpInsn(GOTO, decided);
      }
      default -> {
        mv.visitJumpInsn(IF_ICMPNE, w.next());
        mv.visitIincInsn(r, 1);
      }
    }
    end(w);
    mv.visitLabel(decided);
    return r;
  }

  /**
   * A walk over a list being written: the locals of the list, its size and the index, and the
   * labels of the loop's head, of the next item and of its end.
   */
  private record Walk(int list, int size, int i, Label head, Label next, Label exhausted) {}

  /**
   * The head of a walk over the list {@code coll}: stores it (as a List) in a local, jumps to the
   * walk's end when it is missing or has no item at the index, else takes a step and binds the item
   * to local slot {@code slot}; with a {@code filter}, goes on to the next item unless the filter
   * is true. The loop's body follows, then {@link #end}.
   */
  private Walk begin(Compiled coll, int slot, Compiled filter) {
    Walk w = new Walk(local(1), local(1), local(1), new Label(), new Label(), new Label());
    int raw = objInto(coll);
    mv.visitVarInsn(ALOAD, raw);
    mv.visitJumpInsn(IFNULL, w.exhausted());
    mv.visitVarInsn(ALOAD, raw);
    mv.visitTypeInsn(CHECKCAST, LIST);
    mv.visitVarInsn(ASTORE, w.list());
    mv.visitVarInsn(ALOAD, w.list());
    mv.visitMethodInsn(INVOKEINTERFACE, LIST, "size", "()I", true);
    mv.visitVarInsn(ISTORE, w.size());
    push(0);
    mv.visitVarInsn(ISTORE, w.i());
    mv.visitLabel(w.head());
    mv.visitVarInsn(ILOAD, w.i());
    mv.visitVarInsn(ILOAD, w.size());
    mv.visitJumpInsn(IF_ICMPGE, w.exhausted());
    frame();
    mv.visitMethodInsn(INVOKEVIRTUAL, FRAME, "step", "()V", false);
    frame();
    mv.visitLdcInsn(slot);
    mv.visitVarInsn(ALOAD, w.list());
    mv.visitVarInsn(ILOAD, w.i());
    mv.visitMethodInsn(INVOKEINTERFACE, LIST, "get", "(I)Ljava/lang/Object;", true);
    mv.visitMethodInsn(
        INVOKEVIRTUAL, FRAME, "withLocal", "(ILjava/lang/Object;)L" + FRAME + ";", false);
    mv.visitInsn(POP);
    if (filter != null) {
      bool(filter);
      push(1);
      mv.visitJumpInsn(IF_ICMPNE, w.next());
    }
    return w;
  }

  /** The end of a walk's body: on to the next item, and the walk's end after the last. */
  private void end(Walk w) {
    mv.visitLabel(w.next());
    mv.visitIincInsn(w.i(), 1);
    mv.visitJumpInsn(GOTO, w.head());
    mv.visitLabel(w.exhausted());
  }

  /**
   * {@code min(list, value[, condition])} and {@code max(...)}: pushes the least or greatest value
   * of the items (a number or a date, boxed; null when no item has one), from the deal's memo when
   * it is kept there and computed already.
   */
  private void minMax(Compiled c) {
    List<Compiled> k = c.kids();
    Node.Aggregate a = (Node.Aggregate) c.node();
    int m = a.memo();
    int v = local(1);
    Label compute = new Label();
    Label done = new Label();
    if (m >= 0) {
      memoized(m, v, compute);
      mv.visitJumpInsn(GOTO, done);
    }
    mv.visitLabel(compute);
    int best = local(1);
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, best);
    Walk w = begin(k.get(0), c.slot(), k.size() == 3 ? k.get(2) : null);
    int x = objInto(k.get(1));
    mv.visitVarInsn(ALOAD, x);
    mv.visitJumpInsn(IFNULL, w.next());
    mv.visitVarInsn(ALOAD, best);
    mv.visitVarInsn(ALOAD, x);
    push(a.function() == Builtin.MIN ? 1 : 0);
    mv.visitMethodInsn(
        INVOKESTATIC,
        SUPPORT,
        "better",
        "(Ljava/lang/Object;Ljava/lang/Object;Z)Ljava/lang/Object;",
        false);
    mv.visitVarInsn(ASTORE, best);
    end(w);
    remember(m, () -> mv.visitVarInsn(ALOAD, best));
    mv.visitVarInsn(ALOAD, best);
    mv.visitVarInsn(ASTORE, v);
    mv.visitLabel(done);
    mv.visitVarInsn(ALOAD, v);
  }

  /** {@code sum(list, value[, condition])}: pushes the total, 0 when no item has a value. */
  private void sum(Compiled c) {
    List<Compiled> k = c.kids();
    int total = local(2);
    mv.visitInsn(DCONST_0);
    mv.visitVarInsn(DSTORE, total);
    Walk w = begin(k.get(0), c.slot(), k.size() == 3 ? k.get(2) : null);
    int[] v = numInto(k.get(1));
    mv.visitVarInsn(ILOAD, v[1]);
    mv.visitJumpInsn(IFNE, w.next());
    mv.visitVarInsn(DLOAD, total);
    mv.visitVarInsn(DLOAD, v[0]);
    mv.visitInsn(DADD);
    mv.visitVarInsn(DSTORE, total);
    end(w);
    mv.visitVarInsn(DLOAD, total);
  }

  /** The operator of a comparison node. */
  private static Op op(Compiled c) {
    if (c.node() instanceof Node.Compare x) {
      return x.op();
    }
    if (c.node() instanceof Node.SetHas x) {
      return x.op();
    }
    throw new IllegalStateException("not a comparison: " + c.node());
  }

  /** Jumps to {@code unknown} when either local holds null. */
  private void nulls(int x, int y, Label unknown) {
    mv.visitVarInsn(ALOAD, x);
    mv.visitJumpInsn(IFNULL, unknown);
    mv.visitVarInsn(ALOAD, y);
    mv.visitJumpInsn(IFNULL, unknown);
  }

  /**
   * {@code and} (decisive 0, result 0), {@code or} (decisive 1, result 1) and {@code implies}
   * (decisive 0, result 1): the left side decides when it is {@code decisive}, the right side when
   * it is 1 for or and implies and 0 for and; else unknown if either is, else the other answer.
   */
  private void logic(List<Compiled> k, int leftDecides, int result, Label end, Label unknown) {
    int rightDecides = result;
    bool(k.get(0));
    int x = local(1);
    mv.visitVarInsn(ISTORE, x);
    Label next = new Label();
    mv.visitVarInsn(ILOAD, x);
    push(leftDecides);
    mv.visitJumpInsn(IF_ICMPNE, next);
    push(result);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(next);
    bool(k.get(1));
    int y = local(1);
    mv.visitVarInsn(ISTORE, y);
    Label neither = new Label();
    mv.visitVarInsn(ILOAD, y);
    push(rightDecides);
    mv.visitJumpInsn(IF_ICMPNE, neither);
    push(result);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(neither);
    mv.visitVarInsn(ILOAD, x);
    push(2);
    mv.visitJumpInsn(IF_ICMPEQ, unknown);
    mv.visitVarInsn(ILOAD, y);
    push(2);
    mv.visitJumpInsn(IF_ICMPEQ, unknown);
    push(1 - result);
    mv.visitJumpInsn(GOTO, end);
  }

  /**
   * With a comparison's result (an int, 0 for equal) on the stack: pushes 1 if {@code op} holds.
   */
  private void holds(Op op, Label end) {
    Label yes = new Label();
    mv.visitJumpInsn(
        switch (op) {
          case EQ -> IFEQ;
          case NE -> IFNE;
          case LT -> IFLT;
          case LE -> IFLE;
          case GT -> IFGT;
          default -> IFGE;
        },
        yes);
    push(0);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(yes);
    push(1);
    mv.visitJumpInsn(GOTO, end);
  }

  /** {@code x in [constants]}: true on the first item equal to x (negated for not in). */
  private void in(Compiled c, Shape s, Label end, Label unknown) {
    List<Compiled> k = c.kids();
    List<Compiled> items = k.subList(1, k.size());
    boolean negated = ((Node.In) c.node()).negated();
    Label hit = new Label();
    if (s != Shape.IN_VALUES) {
      generated += items.size(); // the constants, as class data
    }
    switch (s) {
      case IN_NUM -> {
        int[] x = numInto(k.get(0));
        mv.visitVarInsn(ILOAD, x[1]);
        mv.visitJumpInsn(IFNE, unknown);
        for (Compiled item : items) {
          mv.visitVarInsn(DLOAD, x[0]);
          mv.visitInsn(DCONST_0);
          mv.visitInsn(DADD);
          constant(((Double) item.eval(null)) + 0.0, "D");
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "compare", "(DD)I", false);
          mv.visitJumpInsn(IFEQ, hit);
        }
      }
      case IN_STAGE -> {
        int[] x = stageInto(k.get(0));
        mv.visitVarInsn(ILOAD, x[1]);
        mv.visitJumpInsn(IFNE, unknown);
        for (Compiled item : items) {
          mv.visitVarInsn(ILOAD, x[0]);
          constant(item.eval(null), "I");
          mv.visitJumpInsn(IF_ICMPEQ, hit);
        }
      }
      case IN_ENUM -> {
        int x = objInto(k.get(0));
        mv.visitVarInsn(ALOAD, x);
        mv.visitJumpInsn(IFNULL, unknown);
        for (Compiled item : items) {
          mv.visitVarInsn(ALOAD, x);
          constant(item.eval(null), "Ljava/lang/Object;");
          mv.visitJumpInsn(IF_ACMPEQ, hit);
        }
      }
      case IN_VALUES -> {
        boolean set = k.get(0).type() instanceof Type.SetOf;
        int x = objInto(k.get(0));
        mv.visitVarInsn(ALOAD, x);
        mv.visitJumpInsn(IFNULL, unknown);
        for (Compiled item : items) {
          int v = objInto(item);
          mv.visitVarInsn(ALOAD, x);
          mv.visitVarInsn(ALOAD, v);
          push(set ? 1 : 0);
          mv.visitMethodInsn(
              INVOKESTATIC, SUPPORT, "holds", "(Ljava/lang/Object;Ljava/lang/Object;Z)Z", false);
          mv.visitJumpInsn(IFNE, hit);
        }
      }
      default -> {
        boolean set = k.get(0).type() instanceof Type.SetOf;
        int x = objInto(k.get(0));
        mv.visitVarInsn(ALOAD, x);
        mv.visitJumpInsn(IFNULL, unknown);
        for (Compiled item : items) {
          Object v = item.eval(null);
          mv.visitVarInsn(ALOAD, x);
          if (set) {
            mv.visitTypeInsn(CHECKCAST, "java/util/Collection");
          }
          constant(v instanceof Double d ? (Object) (d + 0.0) : v, "Ljava/lang/Object;");
          if (set) {
            mv.visitMethodInsn(
                INVOKEINTERFACE, "java/util/Collection", "contains", "(Ljava/lang/Object;)Z", true);
          } else {
            mv.visitMethodInsn(INVOKEVIRTUAL, OBJECT, "equals", "(Ljava/lang/Object;)Z", false);
          }
          mv.visitJumpInsn(IFNE, hit);
        }
      }
    }
    push(negated ? 1 : 0);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(hit);
    push(negated ? 0 : 1);
    mv.visitJumpInsn(GOTO, end);
  }
}

package io.vidgan.graphs;

/**
 * The networks of a stage, by the scope of their variables under the stage's: G, and the
 * discriminators D_S (frames), D_T (the clip) and D_M (a super-resolution stage's pairs; SSW-GAN
 * §3, HVG §3.2). Each is trained by one {@link Update}.
 */
public enum Network {
  G(Generator.SCOPE, Update.G),
  D_S(SpatialDiscriminator.SCOPE, Update.D),
  D_T(TemporalDiscriminator.SCOPE, Update.D),
  D_M(MatchingDiscriminator.SCOPE, Update.D);

  private final String scope;
  private final Update update;

  Network(String scope, Update update) {
    this.scope = scope;
    this.update = update;
  }

  /** The scope of the network's variables under the stage's, e.g. {@code generator}. */
  public String scope() {
    return scope;
  }

  /** The update that trains it. */
  public Update update() {
    return update;
  }

  /** Whether {@code variable} (a full name) is one of this network's in stage {@code stage}. */
  public boolean owns(String stage, String variable) {
    return variable.startsWith(stage + "/" + scope + "/");
  }
}

package dev.modmirror.core.zip;

/** The module version a zip is read for, so that every rule failure names it. */
record Blame(String module, String version) {

  ZipRuleException fail(ZipRule rule, String message) {
    return new ZipRuleException(rule, message, module, version);
  }
}

package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;

/** Something that happened to one module version. */
public interface Event {

  /** The schema version of this event's JSON form; readers reject versions they do not know. */
  int schema();

  /** The module version this event is about; its {@link ModuleRef#key()} is the record key. */
  ModuleRef ref();
}

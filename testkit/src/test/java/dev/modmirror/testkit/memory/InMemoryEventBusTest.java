package dev.modmirror.testkit.memory;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.testkit.contract.EventBusContract;
import java.util.List;

class InMemoryEventBusTest extends EventBusContract {

  @Override
  protected EventBus newBus() {
    return InMemoryEventBus.create();
  }

  @Override
  protected List<String> deadLetteredKeys(EventBus bus) {
    return ((InMemoryEventBus) bus).deadLetters().stream().map(d -> d.event().ref().key()).toList();
  }
}

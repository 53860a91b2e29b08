import { busContractSuite } from './contract.ts';
import { MemoryBus } from './memory-bus.ts';

busContractSuite('in-process', {
  async open() {
    const bus = new MemoryBus();
    return [bus, bus];
  },
});

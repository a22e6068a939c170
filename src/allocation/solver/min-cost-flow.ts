/**
 * Min-cost flow by the primal-dual method: Dijkstra on reduced costs gives the shortest-path
 * distance, potentials make every shortest path an arc set of reduced cost 0, and a Dinic max
 * flow on that "admissible" subgraph pushes all of them at once. Arc costs here are small
 * integers (rank - 1, plus a large bonus on the arcs that meet minimums), so there are few distinct distances and therefore few rounds; each round
 * is O(m log n) + a blocking flow. Every unit pushed follows a shortest path, so after each unit
 * the flow is a min-cost flow of its value (successive shortest paths) — that is what lets the
 * caller read an exact relaxation bound at any flow value off the recorded cost curve.
 *
 * Arcs live in CSR arrays with paired reverse arcs; a node's arcs keep insertion order, which
 * the caller uses to make search order (and so tie-breaking) follow the seeded lottery.
 */
export class FlowNetworkBuilder {
  private readonly tails: number[] = [];
  private readonly heads: number[] = [];
  private readonly caps: number[] = [];
  private readonly costs: number[] = [];

  constructor(readonly nodeCount: number) {}

  /** Returns a builder arc id; `FlowNetwork.arcOf(id)` maps it to the built arc. */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    this.tails.push(from);
    this.heads.push(to);
    this.caps.push(capacity);
    this.costs.push(cost);
    return this.tails.length - 1;
  }

  build(): FlowNetwork {
    const n = this.nodeCount;
    const m = this.tails.length;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      start[this.tails[i] + 1]++;
      start[this.heads[i] + 1]++;
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const to = new Int32Array(2 * m);
    const cap = new Int32Array(2 * m);
    const cost = new Float64Array(2 * m);
    const rev = new Int32Array(2 * m);
    const position = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const u = this.tails[i];
      const v = this.heads[i];
      const p = fill[u]++;
      const q = fill[v]++;
      to[p] = v;
      cap[p] = this.caps[i];
      cost[p] = this.costs[i];
      rev[p] = q;
      to[q] = u;
      cap[q] = 0;
      cost[q] = -this.costs[i];
      rev[q] = p;
      position[i] = p;
    }
    return new FlowNetwork(n, start, to, cap, cost, rev, position);
  }
}

// Costs are doubles: the minimum bonus (see relaxation.ts) times path lengths can pass 2^31,
// and every value stays an integer far below 2^53, so sums are exact.
const INF = Number.POSITIVE_INFINITY;

export class FlowNetwork {
  readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly level: Int32Array;
  private readonly cursor: Int32Array;
  private readonly heapKey: Float64Array;
  private readonly heapNode: Int32Array;
  private readonly pathArcs: Int32Array;

  constructor(
    readonly nodeCount: number,
    readonly start: Int32Array,
    readonly to: Int32Array,
    /** Residual capacity. */
    readonly cap: Int32Array,
    readonly cost: Float64Array,
    readonly rev: Int32Array,
    private readonly position: Int32Array,
  ) {
    this.potential = new Float64Array(nodeCount);
    this.dist = new Float64Array(nodeCount);
    this.level = new Int32Array(nodeCount);
    this.cursor = new Int32Array(nodeCount);
    this.heapKey = new Float64Array(to.length + 1);
    this.heapNode = new Int32Array(to.length + 1);
    this.pathArcs = new Int32Array(nodeCount + 1);
  }

  arcOf(builderArcId: number): number {
    return this.position[builderArcId];
  }

  /** Flow on a forward arc = residual capacity of its reverse arc. */
  flowOn(arc: number): number {
    return this.cap[this.rev[arc]];
  }

  /**
   * Pushes flow source → sink along shortest paths until none is left. `onUnit(pathCost)` runs
   * after every unit. Requires reduced costs c(u,v) + π(u) − π(v) ≥ 0 on every residual arc not
   * entering the source; the caller raises π(source) when it opens new source arcs.
   */
  augmentAll(source: number, sink: number, onUnit: (pathCost: number) => void): void {
    for (;;) {
      const sinkDistance = this.shortestDistances(source, sink);
      if (sinkDistance >= INF) return;
      const pi = this.potential;
      const dist = this.dist;
      for (let v = 0; v < this.nodeCount; v++) pi[v] += Math.min(dist[v], sinkDistance);
      while (this.admissibleLevels(source, sink)) {
        this.cursor.set(this.start.subarray(0, this.nodeCount));
        let pathCost: number;
        while ((pathCost = this.pushOneUnit(source, sink)) !== -INF) onUnit(pathCost);
      }
    }
  }

  /** Raises π(source) so every open source arc has a non-negative reduced cost. */
  liftSource(source: number): void {
    let lift = this.potential[source];
    for (let a = this.start[source]; a < this.start[source + 1]; a++) {
      if (this.cap[a] > 0) lift = Math.max(lift, this.potential[this.to[a]] - this.cost[a]);
    }
    this.potential[source] = lift;
  }

  /** Dijkstra on reduced costs, stopped once the sink is settled: later nodes only need ≥ d(sink). */
  private shortestDistances(source: number, sink: number): number {
    const { start, to, cap, cost, potential: pi, dist, heapKey, heapNode } = this;
    dist.fill(INF);
    dist[source] = 0;
    let size = 0;
    const push = (key: number, node: number): void => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapKey[parent] <= key) break;
        heapKey[i] = heapKey[parent];
        heapNode[i] = heapNode[parent];
        i = parent;
      }
      heapKey[i] = key;
      heapNode[i] = node;
    };
    push(0, source);
    while (size > 0) {
      const d = heapKey[0];
      const u = heapNode[0];
      const lastKey = heapKey[--size];
      const lastNode = heapNode[size];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && heapKey[child + 1] < heapKey[child]) child++;
        if (heapKey[child] >= lastKey) break;
        heapKey[i] = heapKey[child];
        heapNode[i] = heapNode[child];
        i = child;
      }
      heapKey[i] = lastKey;
      heapNode[i] = lastNode;
      if (d > dist[u]) continue;
      if (u === sink) return d;
      const base = d + pi[u];
      for (let a = start[u]; a < start[u + 1]; a++) {
        const v = to[a];
        // Arcs back into the source are never on a source → sink path; after liftSource their
        // reduced cost may be negative, so they must not be relaxed.
        if (cap[a] <= 0 || v === source) continue;
        const nd = base + cost[a] - pi[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          push(nd, v);
        }
      }
    }
    return INF;
  }

  /** BFS levels over admissible arcs (residual, reduced cost 0); false when the sink is cut off. */
  private admissibleLevels(source: number, sink: number): boolean {
    const { start, to, cap, cost, potential: pi, level } = this;
    level.fill(-1);
    const queue = this.heapNode;
    let head = 0;
    let tail = 0;
    queue[tail++] = source;
    level[source] = 0;
    while (head < tail) {
      const u = queue[head++];
      if (level[sink] >= 0 && level[u] >= level[sink]) break;
      const pu = pi[u];
      for (let a = start[u]; a < start[u + 1]; a++) {
        const v = to[a];
        if (level[v] < 0 && cap[a] > 0 && cost[a] + pu - pi[v] === 0) {
          level[v] = level[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return level[sink] >= 0;
  }

  /** One unit along a level-increasing admissible path (iterative DFS with current-arc pointers). */
  private pushOneUnit(source: number, sink: number): number {
    const { start, to, cap, cost, rev, potential: pi, level, cursor, pathArcs } = this;
    let depth = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let pathCost = 0;
        for (let i = 0; i < depth; i++) {
          const a = pathArcs[i];
          cap[a] -= 1;
          cap[rev[a]] += 1;
          pathCost += cost[a];
        }
        return pathCost;
      }
      const end = start[u + 1];
      const next = level[u] + 1;
      let a = cursor[u];
      for (; a < end; a++) {
        const v = to[a];
        if (cap[a] > 0 && level[v] === next && cost[a] + pi[u] - pi[v] === 0) break;
      }
      cursor[u] = a;
      if (a < end) {
        pathArcs[depth++] = a;
        u = to[a];
      } else {
        if (u === source) return -INF;
        level[u] = -1;
        const back = pathArcs[--depth];
        u = to[rev[back]];
        cursor[u]++;
      }
    }
  }
}

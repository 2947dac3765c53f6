/**
 * Event kinds of a fleet simulation and what runs first when several fall on the same instant
 * (lower first). Each priority has its reason.
 */
export const EV_TICK = 0; // window edge / warm-up snapshot: measure the state *before* anything at that instant changes it
export const EV_SERVICE_DONE = 1; // a server freed at t can take a customer arriving at t (M/M/c convention: departures first)
export const EV_ARRIVAL = 2; // arrivals at t join the queue before a replica boundary at t admits, as a real scheduler sees them
export const EV_BOUNDARY = 3; // iteration/segment boundaries last, so they admit everything that arrived at that instant
export const EV_SESSION = 4; // a session's next turn or agent step is an arrival: same priority as EV_ARRIVAL (ties in schedule order)

export const EV_LIFECYCLE = 5; // a replica becoming ready at t serves an arrival at t (like EV_SERVICE_DONE)
export const EV_SCALE = 6; // autoscaler evaluations see the state before the instant's arrivals (like EV_TICK)
export const EV_POWER = 7; // the power controller acts on the measured interval, before the instant's arrivals

export const PRIORITIES: readonly number[] = [0, 1, 2, 3, 2, 1, 0, 0];

/**
 * The reason a call's signal is aborted when the runtime loses it: its app's connection to Asterisk
 * dropped, or the runtime is stopping. The step the call was in then says so, not "caller hung up".
 */
export class CallLost {
  constructor(
    /** What happened, for the call log, e.g. "the runtime stopped during the call". */
    readonly message: string,
  ) {}
}

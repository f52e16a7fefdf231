// plenary browser views: one WebSocket to /api/v1/stream?view=…, the view's fields pushed when
// they change,
// and the countdown computed here from the deadline in server time (no polling, no frame
// loop: the page redraws once per shown second). Keeps counting while disconnected.
"use strict";

const Plenary = (() => {
  const params = new URLSearchParams(location.search);
  const token = params.get("token");
  // The page's language (?lang=ar|zh|en|fr|ru|es): the server wrote it into <html lang> and
  // its fixed texts (assets/lang/*.ron) into PLENARY_WORDS; the names in the view's messages
  // come in it already.
  const lang = document.documentElement.lang || "en";
  const words = PLENARY_WORDS;
  let state = null;
  let offset = 0; // server time − local time: from the server's clock messages
  let roundTrip = 0; // the last measured round trip to the server, ms
  let clocked = false; // a clock message has set the offset
  let connected = false;
  let lostSince = null;
  let timer = null;
  let retry = 500;
  let render = () => {};
  let view = "console";

  const serverNow = () => Date.now() + offset;

  const mss = (secs) => {
    const sign = secs < 0 ? "-" : "";
    secs = Math.abs(secs);
    return `${sign}${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;
  };

  // The same rules as the native podium (src/meeting/clock.rs, `reading`).
  function reading(speech, now) {
    const elapsed = speech.running ? now - speech.origin : speech.elapsed_ms;
    if (speech.limit_ms === null) {
      return { phase: "CountUp", shown: mss(Math.floor(elapsed / 1000)), elapsed, left: null };
    }
    const left = speech.limit_ms - elapsed;
    if (!speech.started) {
      return { phase: "Ready", shown: mss(Math.ceil(Math.max(left, 0) / 1000)), elapsed, left };
    }
    if (left > 0) {
      const secs = Math.ceil(left / 1000);
      const phase = secs * 1000 <= state.warning_ms ? "Warning" : "Running";
      return { phase, shown: mss(secs), elapsed, left };
    }
    const over = Math.floor(-left / 1000);
    return over === 0
      ? { phase: "Expired", shown: "0:00", elapsed, left }
      : { phase: "Overtime", shown: "+" + mss(over), elapsed, left };
  }

  // A point of order (motion, ruling) counts up on its own clock (src/view/mod.rs,
  // `interruption_clock`); the speaker's clock stays stopped in `state.speech`.
  function interruption(i, now) {
    const elapsed = Math.max(now - i.origin, 0);
    return { phase: "CountUp", shown: mss(Math.floor(elapsed / 1000)), elapsed, left: null, label: i.cue };
  }

  // `template` with each {name} replaced by its value.
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));

  // The second cue beside the colour: READY, 30 s, TIME, PAUSED (in the page's language).
  function label(speech, r) {
    if (speech.paused) return words.paused;
    switch (r.phase) {
      case "Ready": return words.ready;
      case "CountUp": return words.elapsed;
      case "Warning": return fill(words.seconds_left, { n: Math.floor(state.warning_ms / 1000) });
      case "Expired": case "Overtime": return words.time_up;
      default: return "";
    }
  }

  function localClock(now) {
    return new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit", minute: "2-digit", hour12: false, timeZone: state.time_zone,
    }).format(new Date(now));
  }

  function hhmm(iso) {
    return new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit", minute: "2-digit", hour12: false, timeZone: state.time_zone,
    }).format(new Date(iso));
  }

  // Redraw now, then at the next instant the shown text changes.
  function tick() {
    clearTimeout(timer);
    if (!state) return;
    const now = serverNow();
    render(state, now);
    document.documentElement.dataset.link = connected ? "live" : "lost";
    // A rehearsal says so on every view: plenary.css draws the badge as the body's ::after,
    // whose text is this attribute of the body itself (attr() reads the element's own).
    document.body.dataset.rehearsal = state.rehearsal ? words.rehearsal : "";
    const marker = document.getElementById("link");
    if (marker) {
      const seconds = Math.round((Date.now() - lostSince) / 1000);
      marker.textContent = connected ? "" : `● ${fill(words.reconnecting, { seconds })}`;
    }
    let wait = 60000 - (now % 60000);
    const speech = state.speech;
    if (state.interruption) {
      const elapsed = now - state.interruption.origin;
      wait = Math.min(wait, 1000 - (((elapsed % 1000) + 1000) % 1000));
    } else if (speech && speech.running) {
      const r = reading(speech, now);
      const step = r.left !== null && r.left <= 0 ? 500 : 1000;
      const phase = r.left === null ? r.elapsed : -r.left;
      wait = Math.min(wait, step - (((phase % step) + step) % step));
    }
    if (!connected) wait = Math.min(wait, 1000);
    timer = setTimeout(tick, Math.max(wait, 5));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    // The smallest stream that serves the page: its own view's fields, sent when they change.
    const query = new URLSearchParams({ view, lang });
    if (token) query.set("token", token);
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/stream?${query}`);
    let pinger = null;
    const ping = () => ws.send(JSON.stringify({ ping: Date.now() }));
    ws.onopen = () => {
      ping();
      pinger = setInterval(ping, 30000);
    };
    ws.onmessage = (event) => {
      const next = JSON.parse(event.data);
      // The server's time as it sent this message (a state carries the time of its change,
      // which may be long past for a view opened in the middle of a speech).
      if (next.pong !== undefined) {
        roundTrip = Math.max(Date.now() - next.pong, 0);
      }
      if (next.clock !== undefined) {
        offset = next.clock + roundTrip / 2 - Date.now();
        clocked = true;
        if (next.pong !== undefined) {
          // Told to the server, which lists this view on the chair's console.
          ws.send(JSON.stringify({ measured: {
            view: `${document.body.className} (${lang})`, offset: Math.round(-offset), round_trip: Math.round(roundTrip),
          } }));
        }
        tick();
        return;
      }
      // The server sends its clock before the first state; a state's own time is only a
      // fallback (it is the time of its change, which may be long past).
      if (!clocked) offset = next.server_time - Date.now();
      state = next;
      connected = true;
      lostSince = null;
      retry = 500;
      tick();
    };
    ws.onclose = () => {
      clearInterval(pinger);
      if (connected || lostSince === null) lostSince = Date.now();
      connected = false;
      tick();
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  // `name`: the view whose stream the page takes (podium, hall, overlay).
  function start(name, renderer) {
    view = name;
    render = renderer;
    connect();
    // Which of the page's fonts the browser loaded for what it shows (tests read it: a
    // script without its font would be drawn as boxes).
    const noteFonts = () => {
      document.documentElement.dataset.fonts = [...document.fonts]
        .filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, "")).join(",");
    };
    document.fonts.addEventListener("loadingdone", noteFonts);
  }

  const text = (id, value) => {
    const el = document.getElementById(id);
    if (el && el.textContent !== value) el.textContent = value;
  };

  return { start, reading, interruption, label, localClock, hhmm, text, mss, fill, words: () => words };
})();

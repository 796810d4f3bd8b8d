/* Stand-in for ResizeObserver on old browsers (before Chrome 64, Firefox 69, Safari 13.1).
 * Without it Material for MkDocs fetches a polyfill from unpkg.com, which an intranet cannot
 * reach: the page would hang. This reports the size of each observed element when observed and
 * whenever the window is resized, which is all Material's layout needs. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") {
    return;
  }
  function entry(target) {
    var rect = target.getBoundingClientRect();
    return {
      target: target,
      contentRect: { x: 0, y: 0, top: 0, left: 0, width: rect.width, height: rect.height,
                     right: rect.width, bottom: rect.height }
    };
  }
  function Observer(callback) {
    var self = this;
    this.callback = callback;
    this.targets = [];
    this.handler = function () { self.notify(self.targets); };
  }
  Observer.prototype.observe = function (target) {
    var self = this;
    if (this.targets.indexOf(target) >= 0) {
      return;
    }
    this.targets.push(target);
    if (this.targets.length === 1) {
      window.addEventListener("resize", this.handler);
    }
    setTimeout(function () { self.notify([target]); }, 0);
  };
  Observer.prototype.unobserve = function (target) {
    var index = this.targets.indexOf(target);
    if (index >= 0) {
      this.targets.splice(index, 1);
    }
    if (this.targets.length === 0) {
      window.removeEventListener("resize", this.handler);
    }
  };
  Observer.prototype.disconnect = function () {
    this.targets = [];
    window.removeEventListener("resize", this.handler);
  };
  Observer.prototype.notify = function (targets) {
    var live = [];
    for (var i = 0; i < targets.length; i++) {
      if (this.targets.indexOf(targets[i]) >= 0) {
        live.push(entry(targets[i]));
      }
    }
    if (live.length) {
      this.callback(live, this);
    }
  };
  window.ResizeObserver = Observer;
})();

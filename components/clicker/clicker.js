// Presentation clicker: PageDown / PageUp (and the arrow keys on the page itself) press the tour's
// next / previous buttons; with autoplay the next button is pressed after a delay. Runs inside a
// hidden same-origin iframe and listens on the app's document (and on same-origin iframes such as
// the map, where only PageDown/PageUp are taken, so arrow keys still pan a focused map).
(function () {
  var config = JSON.parse(document.getElementById('atlas-clicker-config').textContent);
  var host = window.parent;
  var page = host.document;
  var slot = '__atlasClicker';

  function press(key) {
    var button = page.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  }

  function isTyping(target) {
    return !!(target && target.closest &&
      target.closest('input, textarea, select, [contenteditable="true"], [role="slider"], [role="combobox"], [role="listbox"]'));
  }

  function handler(frameKeysOnly) {
    return function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) { return; }
      var nextKeys = frameKeysOnly ? config.frameNextKeys : config.nextKeys;
      var previousKeys = frameKeysOnly ? config.framePreviousKeys : config.previousKeys;
      var action = nextKeys.indexOf(event.key) >= 0 ? config.next : (previousKeys.indexOf(event.key) >= 0 ? config.previous : null);
      if (action && press(action)) { event.preventDefault(); event.stopPropagation(); }
    };
  }

  var old = host[slot];
  if (old) {
    old.listeners.forEach(function (entry) { try { entry[0].removeEventListener('keydown', entry[1], true); } catch (error) { /* gone */ } });
    host.clearInterval(old.scan);
    host.clearTimeout(old.timer);
  }
  var record = {listeners: [], scan: null, timer: null};
  var onPage = handler(false);
  page.addEventListener('keydown', onPage, true);
  record.listeners.push([page, onPage]);

  function attachToFrames() {
    page.querySelectorAll('iframe').forEach(function (frame) {
      var inner = null;
      try { inner = frame.contentDocument; } catch (error) { inner = null; }
      if (!inner || inner === document || inner.__atlasClickerAttached) { return; }
      var onFrame = handler(true);
      inner.addEventListener('keydown', onFrame, true);
      inner.__atlasClickerAttached = true;
      record.listeners.push([inner, onFrame]);
    });
  }
  attachToFrames();
  record.scan = host.setInterval(attachToFrames, 1000);
  if (config.autoplaySeconds) {
    record.timer = host.setTimeout(function () { press(config.next); }, config.autoplaySeconds * 1000);
  }
  host[slot] = record;
})();

/*
 * Keygate admin pages. No inline handlers (the Content-Security-Policy forbids them): behaviour is
 * attached here by delegation. Copy buttons carry data-copy-target="<element id>" and copy that
 * element's text to the clipboard.
 */
(function () {
    function copied(button) {
        var label = button.querySelector('.ui-button-text') || button;
        var before = label.textContent;
        label.textContent = 'Copied';
        setTimeout(function () { label.textContent = before; }, 2000);
    }

    function fallbackCopy(text, button) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        try {
            if (document.execCommand('copy')) {
                copied(button);
            }
        } finally {
            document.body.removeChild(area);
        }
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy-target]');
        if (!button) {
            return;
        }
        event.preventDefault();
        var source = document.getElementById(button.getAttribute('data-copy-target'));
        if (!source) {
            return;
        }
        var text = source.textContent.trim();
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () { copied(button); },
                function () { fallbackCopy(text, button); });
        } else {
            fallbackCopy(text, button);
        }
    });
})();

/*
 * Chart.js extender of a key's usage chart (p:chart extender="keygateUsageChart"): the spend axis in
 * dollars with as many decimals as small amounts need, instead of Chart.js' exponent notation.
 */
window.keygateUsageChart = function () {
    var spend = this.cfg.config.options.scales.spend;
    spend.ticks = spend.ticks || {};
    spend.ticks.callback = function (value) {
        var v = Number(value);
        return v === 0 ? '$0' : '$' + (v >= 0.01 ? v.toFixed(2) : v.toPrecision(2));
    };
};

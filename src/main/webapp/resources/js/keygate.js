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

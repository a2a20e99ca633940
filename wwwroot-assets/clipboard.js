// Copy buttons (CopyButton.razor): puts a text on the clipboard and says whether it worked. The Clipboard API needs a
// secure context (https or localhost); a portal served over plain http on a LAN address falls back to a selected,
// off-screen textarea and execCommand("copy"), still allowed inside the click that asked for it.
window.portalClipboard = {
    copy: async function (text) {
        if (navigator.clipboard && window.isSecureContext) {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch {
                // Refused (permissions, focus): try the old way below.
            }
        }

        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.left = "-9999px";
        document.body.appendChild(area);
        area.select();
        try {
            return document.execCommand("copy");
        } catch {
            return false;
        } finally {
            area.remove();
        }
    }
};

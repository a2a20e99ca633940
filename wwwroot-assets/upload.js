// Large uploads (hidden-set zips) over plain HTTP, outside the Blazor circuit, with progress and cancel.
// The browser streams the file as the request body (XMLHttpRequest: fetch cannot report upload progress);
// the component is told of progress at most every 200 ms, and of the end: done (status, body), dropped, or cancelled.
const uploads = new Map();
let next = 0;

export function pick(input) {
    input.value = "";
    input.click();
}

export function start(input, url, antiforgeryToken, maxBytes, component) {
    const file = input.files && input.files[0];
    if (!file) {
        return 0;
    }

    const id = ++next;
    if (file.size > maxBytes) {
        component.invokeMethodAsync("Refused", file.name, file.size);
        return id;
    }

    const xhr = new XMLHttpRequest();
    uploads.set(id, xhr);
    let last = 0;
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/zip");
    if (antiforgeryToken) {
        xhr.setRequestHeader("RequestVerificationToken", antiforgeryToken);
    }

    xhr.upload.onprogress = e => {
        const now = performance.now();
        if (now - last >= 200 || e.loaded === e.total) {
            last = now;
            component.invokeMethodAsync("Progress", e.loaded, e.total || file.size);
        }
    };
    xhr.upload.onload = () => component.invokeMethodAsync("Sent");
    xhr.onload = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Done", xhr.status, xhr.responseText);
    };
    xhr.onerror = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Dropped");
    };
    xhr.onabort = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Cancelled");
    };
    component.invokeMethodAsync("Started", file.name, file.size);
    xhr.send(file);
    return id;
}

export function cancel(id) {
    const xhr = uploads.get(id);
    if (xhr) {
        xhr.abort();
    }
}

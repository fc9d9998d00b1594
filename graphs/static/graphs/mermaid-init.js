// Draws every element with class "mermaid" once the page has loaded (graph diagrams in the admin).
// "strict" keeps labels as text: no HTML, no click handlers, whatever a node is called.
mermaid.initialize({ startOnLoad: true, securityLevel: "strict" });

"""The web page. Import ``assistant.ui.app`` (it loads Gradio) only where the page is served."""
